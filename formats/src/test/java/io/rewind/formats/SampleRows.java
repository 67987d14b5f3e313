package io.rewind.formats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made rows of every table, covering nulls, sparse features, parametric candidates and slates. */
public final class SampleRows {
    private SampleRows() {
    }

    public static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123456Z");

    public static List<Object[]> decisions() {
        Map<String, Double> sparse = new LinkedHashMap<>();
        sparse.put("country=fr", 1.0);
        sparse.put("age", 31.5);
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"e1", T0, "m1", "u1", new double[] {0.5, -1.25}, sparse,
                List.of(new Candidate("a", new double[] {1, 0, 0.25}), new Candidate("b", new double[] {0, 1, 2})),
                "a", 0.7, null, null, 0.42, new double[] {0.7, 0.3}, "logged"});
        rows.add(new Object[] {"e2", T0.plusSeconds(3600), null, null, new double[] {1e-9, 2.5e10}, null,
                List.of(new Candidate("x", null), new Candidate("y", null), new Candidate("z", null)),
                "y", 0.5, new String[] {"y", "x"}, new double[] {0.5, 0.25}, null, null, null});
        rows.add(new Object[] {"340282366920938463463374607431768211455", T0.plusSeconds(86_400), "m2", "u \"q\", x",
                null, null, List.of(new Candidate("1", new double[] {3, 4, 5})), "1", 1.0, null, null, 0.0,
                new double[] {1.0}, "estimated"});
        return rows;
    }

    public static List<Object[]> rewards() {
        return List.of(
                new Object[] {"e1", T0.plusSeconds(5), 1.0, null, null},
                new Object[] {"e2", T0.plusSeconds(3700), 0.0, new double[] {0.0, 1.0}, 1},
                new Object[] {"e9", T0, -2.5, null, null});
    }

    public static List<Object[]> interactions() {
        List<Object[]> rows = new ArrayList<>();
        int i = 0;
        for (Object[] d : decisions()) {
            Object[] row = new Object[Tables.INTERACTIONS.size()];
            System.arraycopy(d, 0, row, 0, d.length);
            Instant t = (Instant) d[1];
            int k = d.length;
            row[k] = i == 1 ? 0.0 : 1.0;
            row[k + 1] = i == 1 ? null : t.plusSeconds(2);
            row[k + 2] = i != 1;
            row[k + 3] = i == 1 ? 0 : 1;
            row[k + 4] = i == 2 ? new double[] {1.0} : null;
            row[k + 5] = i == 2 ? 0 : null;
            row[k + 6] = Split.of((String) d[0], 0.8);
            row[k + 7] = Timestamps.date(t);
            row[k + 8] = Timestamps.hour(t);
            rows.add(row);
            i++;
        }
        return rows;
    }

    public static List<Object[]> episodes() {
        List<Object[]> rows = new ArrayList<>();
        for (long e = 0; e < 3; e++) {
            int len = 2 + (int) e;
            for (int s = 0; s < len; s++) {
                rows.add(new Object[] {e, s, new double[] {0.01 * s, -0.02 * e, 0.125, s + e},
                        s % 2, new double[] {0.5, 0.5}, 1.0, s == len - 1});
            }
        }
        return rows;
    }

    public static List<Object[]> of(TableSchema t) {
        if (t == Tables.DECISIONS) {
            return decisions();
        }
        if (t == Tables.REWARDS) {
            return rewards();
        }
        if (t == Tables.INTERACTIONS) {
            return interactions();
        }
        return episodes();
    }
}
