package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;

/**
 * The logging policies a log holds, told apart by {@code model_id} (rows without one are one more logger), each with
 * its number of usable rows, in the order of their ids: a row's logger is its index here.
 */
public record Loggers(List<Share> shares) {
    /** One logger: its model_id and how many usable rows it logged. */
    public record Share(String modelId, long rows) {
    }

    static final String UNNAMED = "(no model_id)";

    public Loggers {
        shares = List.copyOf(shares);
    }

    static Column id() {
        return coalesce(col("model_id"), lit(UNNAMED));
    }

    /** The loggers with these usable rows by model_id ({@link #UNNAMED} for none), in the order of their ids. */
    static Loggers of(Map<String, Long> rowsById) {
        return new Loggers(new TreeMap<>(rowsById).entrySet().stream().map(e -> new Share(e.getKey(), e.getValue()))
                .toList());
    }

    public int count() {
        return shares.size();
    }

    public boolean several() {
        return shares.size() > 1;
    }

    /** Each row's logger as its 0-based index among {@link #shares}. */
    Column index() {
        Column ids = org.apache.spark.sql.functions.array(shares.stream().map(s -> lit(s.modelId()))
                .toArray(Column[]::new));
        return org.apache.spark.sql.functions.array_position(ids, id()).cast("int").minus(1);
    }

    String describe() {
        StringBuilder sb = new StringBuilder(shares.size() + " loggers (model_id) in the log: ");
        for (int k = 0; k < shares.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(shares.get(k).modelId()).append(" ").append(shares.get(k).rows())
                    .append(" rows");
        }
        return sb.append("; IPS and DR weigh each round by its own logger's probability (naive), WIPS and WDR"
                + " average each logger's estimate weighted by its rows over its divergence from the target"
                + " (Agarwal et al. 2017)").toString();
    }
}
