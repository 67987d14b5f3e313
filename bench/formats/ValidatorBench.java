import io.rewind.formats.*;
import java.time.Instant;
import java.util.*;

/**
 * bench/formats: {@code Validator.check} of the decisions table on decoded rows (30 candidates with 4 features
 * each, a 5-feature context, the full distribution logged), the check every read applies to every row. Prints the
 * best of 15 passes over 200,000 rows, in nanoseconds per row.
 */
public class ValidatorBench {
    public static void main(String[] a) {
        int n = 200_000;
        Object[][] rows = new Object[n][];
        SplittableRandom r = new SplittableRandom(1);
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        for (int e = 0; e < n; e++) {
            List<Candidate> c = new ArrayList<>();
            double[] probs = new double[30];
            for (int i = 0; i < 30; i++) {
                double[] features = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()};
                c.add(new Candidate("a" + i, features));
                probs[i] = 1.0 / 30;
            }
            rows[e] = Tables.DECISIONS.row("event_id", "e" + e, "timestamp", t, "context", new double[] {1, 2, 3, 4, 5},
                    "actions", c, "action", "a3", "action_prob", 1.0 / 30, "action_probs", probs);
        }
        Validator v = Validator.of(Tables.DECISIONS);
        long best = Long.MAX_VALUE;
        int bad = 0;
        for (int rep = 0; rep < 15; rep++) {
            long t0 = System.nanoTime();
            for (Object[] row : rows) {
                if (v.check(row) != null) bad++;
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("bad %d; best of 15: %.1f ns per row%n", bad, best / (double) n);
    }
}
