package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Checks the logged propensities of the rows an evaluation reads, in one aggregation (and, only when every
 * propensity is the same, a count of the chosen actions): see {@link PropensityDiagnostics}.
 */
public final class PropensityCheck {
    /** A chosen action's probability under this makes its importance weight over a million. */
    public static final double TINY = 1e-6;
    /** Below this chi-square p-value, chosen actions are not what one constant propensity claims. */
    static final double NOT_UNIFORM_P = 1e-6;

    private PropensityCheck() {
    }

    /**
     * Interactions (bandit decisions, or slates by their first slot): {@code action_prob} of {@code action}. An
     * {@code action_prob} that disagrees with {@code action_probs} is a row rule of the table (DecisionRules): such
     * rows are quarantined when read, before they get here.
     */
    static PropensityDiagnostics ofInteractions(Dataset<Row> interactions) {
        return ofInteractions(interactions, counts(interactions, interactionAggregates()));
    }

    /** {@link #aggregates} of interactions, for a job that reads them anyway. */
    static List<Column> interactionAggregates() {
        return aggregates(col("action_prob"), size(col("actions")), col("action_prob_source").equalTo("estimated"));
    }

    /** {@link #diagnose} of interactions whose counts another job computed. */
    static PropensityDiagnostics ofInteractions(Dataset<Row> interactions, Partial counts) {
        return diagnose(counts, () -> uniformity(interactions, col("actions.id"), col("action")));
    }

    /** Episode steps: {@code action_probs} at the chosen action's index. */
    static PropensityDiagnostics ofSteps(Dataset<Row> steps) {
        Column k = size(col("action_probs"));
        Column ids = sequence(lit(0), k.minus(1)).cast(DataTypes.createArrayType(DataTypes.StringType));
        return of(steps.filter(k.gt(0)), element_at(col("action_probs"), col("action").plus(1)), k, ids,
                col("action"), lit(false));
    }

    /**
     * @param rows       the rows to check
     * @param prob       the chosen action's logged probability
     * @param candidates how many actions the decision had to choose from
     * @param candidateIds the ids of those actions (an array), to count the never-chosen ones
     * @param chosen     the chosen action's id
     * @param estimated  whether the row's propensity was estimated, not logged
     */
    static PropensityDiagnostics of(Dataset<Row> rows, Column prob, Column candidates, Column candidateIds,
                                    Column chosen, Column estimated) {
        return diagnose(counts(rows, aggregates(prob, candidates, estimated)),
                () -> uniformity(rows, candidateIds, chosen));
    }

    /** The {@link #aggregates} over all of {@code rows}, in one job. */
    private static Partial counts(Dataset<Row> rows, List<Column> aggregates) {
        return Partial.of(rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size())
                .toArray(new Column[0])).first(), 0);
    }

    /**
     * The aggregations a check needs, for another job to compute beside its own (in this order, read back with
     * {@link Partial#of}).
     */
    static List<Column> aggregates(Column prob, Column candidates, Column estimated) {
        return List.of(count(lit(1)), sum(when(prob.lt(TINY), 1).otherwise(0)),
                sum(when(prob.equalTo(1.0), 1).otherwise(0)), min(prob), max(prob), max(candidates),
                sum(when(estimated, 1).otherwise(0)));
    }

    /** The check's counts over some rows; those of disjoint groups of rows merge. */
    record Partial(long rows, long tiny, long ones, double min, double max, int maxCandidates, long estimated) {
        static final Partial EMPTY = new Partial(0, 0, 0, Double.NaN, Double.NaN, 0, 0);

        /** From the {@link #aggregates} at {@code offset} of {@code r}. */
        static Partial of(Row r, int offset) {
            if (r.getLong(offset) == 0) {
                return EMPTY;
            }
            return new Partial(r.getLong(offset), r.getLong(offset + 1), r.getLong(offset + 2),
                    r.getDouble(offset + 3), r.getDouble(offset + 4),
                    r.isNullAt(offset + 5) ? 0 : r.getInt(offset + 5), r.getLong(offset + 6));
        }

        Partial merge(Partial o) {
            if (o.rows == 0) {
                return this;
            }
            if (rows == 0) {
                return o;
            }
            return new Partial(rows + o.rows, tiny + o.tiny, ones + o.ones, Math.min(min, o.min),
                    Math.max(max, o.max), Math.max(maxCandidates, o.maxCandidates), estimated + o.estimated);
        }
    }

    /** What the counts say; {@code uniformity} is asked for only when every propensity is the same. */
    static PropensityDiagnostics diagnose(Partial p, java.util.function.DoubleSupplier uniformity) {
        long n = p.rows();
        if (n == 0) {
            return new PropensityDiagnostics(0, 0, 0, 0, Double.NaN, Double.NaN, 0, null, List.of());
        }
        long tinyRows = p.tiny();
        long suspect = tinyRows;
        double lo = p.min();
        double hi = p.max();
        int k = p.maxCandidates();
        List<String> findings = new ArrayList<>();
        if (tinyRows > 0) {
            findings.add(tinyRows + " rows chose an action with probability under " + TINY + ": weights over a"
                    + " million; check how the logger computes propensities");
        }
        Double uniformityP = null;
        if (p.ones() == n && k > 1) {
            suspect = n;
            findings.add("every propensity is 1 while decisions had up to " + k + " candidates: the log most likely"
                    + " holds a placeholder, not the logging policy's probabilities");
        } else if (lo == hi && k > 1 && n >= 20) {
            uniformityP = uniformity.getAsDouble();
            if (uniformityP < NOT_UNIFORM_P) {
                suspect = n;
                findings.add(String.format("every propensity is %s, which claims each candidate was chosen"
                        + " equally often, but the chosen actions' counts are far from that (chi-square p = %.2e):"
                        + " the propensities are most likely a placeholder", lo, uniformityP));
            }
        }
        return new PropensityDiagnostics(n, p.estimated(), tinyRows, suspect, lo, hi, k, uniformityP, findings);
    }

    /**
     * The chi-square p-value of how often each candidate was chosen against all equally often: in one job, each
     * row's candidates and its chosen action (the last entry) counted by id, the chosen entries alone summed.
     */
    static double uniformity(Dataset<Row> rows, Column candidateIds, Column chosen) {
        DataType strings = DataTypes.createArrayType(DataTypes.StringType);
        Column ids = concat(coalesce(candidateIds.cast(strings), array().cast(strings)), array(chosen.cast("string")));
        long[] observed = rows.select(ids.as("ids")).select(size(col("ids")).as("n"), posexplode(col("ids")))
                .groupBy(col("col")).agg(sum(when(col("pos").equalTo(col("n").minus(1)), 1L).otherwise(0L)))
                .collectAsList().stream().mapToLong(r -> r.getLong(1)).toArray();
        if (observed.length < 2) {
            return 1.0;
        }
        double[] expected = new double[observed.length];
        java.util.Arrays.fill(expected, 1.0);
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }

    /** Fails the evaluation past {@code --max-bad-fraction} of suspect rows, naming what was found. */
    static void requireWithin(PropensityDiagnostics d, long rowsIn, double maxBadFraction) {
        BadFractionExceededException.checkUnusable("evaluate", d.suspect(), rowsIn, maxBadFraction,
                "rows with propensities that cannot be right: " + String.join("; ", d.findings()),
                new JobSummary("evaluate").put("rows_in", rowsIn).put("suspect_propensities", d.suspect()));
    }
}
