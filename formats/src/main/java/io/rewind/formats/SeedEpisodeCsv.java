package io.rewind.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch-RL seed's CSV layout of episodes:
 * {@code action,all_action_probabilities,episode_id,reward,cumulative_rewards,state_feature_0..N}, with the
 * probabilities as a quoted list ({@code "[0.5, 0.5]"}) and {@code cumulative_rewards} non-zero only on an episode's
 * last row (which is how {@code done} is recovered). The file order gives the step; {@link #decodeLine} leaves
 * {@code step} at 0 for the reader to number.
 */
public final class SeedEpisodeCsv {
    public static final String[] FIXED = {"action", "all_action_probabilities", "episode_id", "reward",
            "cumulative_rewards"};
    private final CsvCodec cells;
    private final int stateDim;

    public SeedEpisodeCsv(String headerLine) {
        List<String> names = new CsvHeader(headerLine).names;
        for (int i = 0; i < 3; i++) {
            if (names.size() <= i || !names.get(i).equals(FIXED[i])) {
                throw new IllegalArgumentException("not a seed episodes CSV header (expected "
                        + String.join(",", FIXED) + ",state_feature_0...): " + headerLine);
            }
        }
        int dim = 0;
        for (String n : names) {
            if (n.startsWith("state_feature_")) {
                dim++;
            }
        }
        this.stateDim = dim;
        this.cells = new CsvCodec(RAW, headerLine);
    }

    /** The seed's columns read as a table of their own, before they are mapped to {@link Tables#EPISODES}. */
    private static final TableSchema RAW = rawSchema();

    private static TableSchema rawSchema() {
        List<Field> f = new ArrayList<>();
        f.add(Field.required("action", FieldType.INT, ""));
        f.add(Field.required("all_action_probabilities", FieldType.DOUBLE_ARRAY, ""));
        f.add(Field.required("episode_id", FieldType.LONG, ""));
        f.add(Field.required("reward", FieldType.DOUBLE, ""));
        f.add(Field.optional("cumulative_rewards", FieldType.DOUBLE, ""));
        for (int i = 0; i < 1024; i++) {
            f.add(Field.optional("state_feature_" + i, FieldType.DOUBLE, ""));
        }
        return new TableSchema("seed_episodes", f);
    }

    /** A row of {@link Tables#EPISODES}, step 0, done from {@code cumulative_rewards}. */
    public Object[] decodeLine(String line) {
        Object[] raw = cells.decodeLine(line);
        double[] state = new double[stateDim];
        for (int i = 0; i < stateDim; i++) {
            Object v = raw[5 + i];
            if (v == null) {
                throw new FieldException("state_feature_" + i, "missing");
            }
            state[i] = (Double) v;
        }
        Double cumulative = (Double) raw[4];
        return new Object[] {raw[2], 0, state, raw[0], raw[1], raw[3], cumulative != null && cumulative != 0.0};
    }

    public static String header(int stateDim) {
        StringBuilder sb = new StringBuilder(String.join(",", FIXED));
        for (int i = 0; i < stateDim; i++) {
            sb.append(",state_feature_").append(i);
        }
        return sb.toString();
    }

    /** One episodes row as a seed CSV line; {@code cumulativeReward} is written only where {@code done}. */
    public static String encodeLine(Object[] episodeRow, double cumulativeReward) {
        double[] probs = (double[]) episodeRow[4];
        StringBuilder sb = new StringBuilder();
        sb.append(episodeRow[3]).append(",\"[");
        for (int i = 0; i < probs.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(probs[i]);
        }
        sb.append("]\",").append(episodeRow[0]).append(',').append((Double) episodeRow[5]).append(',')
                .append(Boolean.TRUE.equals(episodeRow[6]) ? cumulativeReward : 0.0);
        for (double s : (double[]) episodeRow[2]) {
            sb.append(',').append(s);
        }
        return sb.toString();
    }

    private static final class CsvHeader {
        final List<String> names = new ArrayList<>();

        CsvHeader(String line) {
            for (String n : line.split(",", -1)) {
                names.add(n.trim());
            }
        }
    }
}
