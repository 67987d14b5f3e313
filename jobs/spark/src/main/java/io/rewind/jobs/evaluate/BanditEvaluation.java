package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.Tables;
import io.rewind.formats.spark.OrderedAggregate;
import io.rewind.formats.spark.VectorLengthRange;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.bandit.ModelPolicy;
import io.rewind.jobs.join.Interactions;
import io.rewind.ope.Estimate;
import io.rewind.ope.bandit.SnipsSensitivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code rewind evaluate bandit}: off-policy estimates of a target policy on joined interactions, with intervals and
 * diagnostics, the logged policy's own value, and optionally the difference to an incumbent policy.
 */
public final class BanditEvaluation {
    private BanditEvaluation() {
    }

    public static EvaluationReport run(SparkSession spark, BanditEvaluationConfig c) {
        // a table's rule of one length per vector field needs every row's lengths: where nothing drops rows before the
        // job that fills the aligned cache, they are counted there, and the table is read again with the rule only
        // where some field's lengths differ
        if (c.input().mapped() == null && c.split() == SplitSelection.ALL && !c.observedOnly()) {
            Optional<EvaluationReport> report = evaluate(spark, c, Interactions.readDeferringLengths(spark,
                    c.input().paths(), c.input().format()), true);
            if (report.isPresent()) {
                return report.get();
            }
        }
        return evaluate(spark, c, Interactions.readOnce(spark, c.input().paths(), c.input().format(),
                c.input().mapped()), false).orElseThrow();
    }

    /** Empty when {@code lengthsDeferred} and some vector field's lengths differ: the rows need that rule first. */
    static Optional<EvaluationReport> evaluate(SparkSession spark, BanditEvaluationConfig c, Interactions read,
                                               boolean lengthsDeferred) {
        // the split and --observed-only select among the usable rows; every malformed one is counted
        Dataset<Row> selected = read.checked().filter(not(wellFormed()).or(c.split().selects()));
        Dataset<Row> data = c.observedOnly() ? selected.filter(not(wellFormed()).or(col("reward_observed")))
                : selected;
        Dataset<Row> aligned = withPolicies(spark, c, data).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Counted> all = counted(aligned, c);
            if (lengthsDeferred && !all.stream().map(Counted::lengths).reduce(VectorLengthRange::merge)
                    .map(VectorLengthRange::oneLengthEach).orElse(true)) {
                return Optional.empty();
            }
            List<Counted> counted = all.stream().filter(r -> !r.malformed()).toList();
            long rows = counted.stream().mapToLong(Counted::rows).sum();
            if (rows == 0) {
                throw new IllegalArgumentException("evaluate: no interactions to evaluate in " + c.input().paths()
                        + (c.split() == SplitSelection.ALL ? "" : " (split " + c.split().label() + ")"));
            }
            long quarantined = read.quarantinedOutside() + all.stream().filter(Counted::malformed)
                    .mapToLong(Counted::rows).sum();
            long rowsIn = rows + quarantined;
            long unusable = checkUnusable(counted, quarantined, rowsIn, c);
            PropensityDiagnostics propensities = PropensityCheck.ofInteractions(aligned.filter(wellFormed()),
                    counted.stream().map(Counted::propensities)
                    .reduce(PropensityCheck.Partial.EMPTY, PropensityCheck.Partial::merge));
            PropensityCheck.requireWithin(propensities, rowsIn, c.input().maxBadFraction());
            boolean actionFeatures = counted.stream().anyMatch(r -> r.reason() == null && r.actionFeatures());
            if (c.estimation().onEmbeddings()) {
                requireEmbeddings(usable(aligned, c));
            }
            Loggers loggers = loggers(counted);
            Dataset<Row> samples = BanditSamples.of(BanditSamples.withRewardModel(usable(aligned, c), actionFeatures, c.estimation()),
                    c.compares(), c.estimation().onEmbeddings(), loggers);
            SnipsSensitivity.Bounds sensitivity = propensities.estimated() > 0
                    ? sensitivity(usable(aligned, c), c.estimation().sensitivity()) : null;
            EvaluationReport report = estimate(samples, c, rowsIn, unusable,
                    unrewarded(selected, counted, c), propensities, loggers, sensitivity);
            ReportWriter.write(spark, report, c.outputs());
            return Optional.of(report);
        } finally {
            aligned.unpersist();
            read.release();
        }
    }

    /**
     * The columns the estimates read, with the target's (and the incumbent's) probabilities aligned to each row's
     * candidates and the reason where they cannot be: the rows that are cached, so no more than these.
     */
    static Dataset<Row> withPolicies(SparkSession spark, BanditEvaluationConfig c, Dataset<Row> data) {
        Dataset<Row> valid = data.filter(wellFormed());
        Dataset<Row> out = align(data, policy(spark, c, c.target(), valid, "t"), "t");
        List<String> kept = new ArrayList<>(List.of("event_id", "model_id", "context", "actions", "action",
                "action_prob", "action_probs", "action_prob_source", "reward", "reward_observed", "reason",
                "t_reason", "t_aligned"));
        if (c.compares()) {
            out = align(out, policy(spark, c, c.incumbent(), valid, "i"), "i");
            kept.addAll(List.of("i_reason", "i_aligned"));
        }
        return out.select(kept.stream().map(name -> col(name)).toArray(Column[]::new));
    }

    private static Dataset<Row> policy(SparkSession spark, BanditEvaluationConfig c, PolicySource s,
                                       Dataset<Row> data, String prefix) {
        if (s.model() != null) {
            return ModelPolicy.distributions(spark, data, s.model(), prefix);
        }
        if (s.column() != null) {
            if (c.input().mapped() != null) {
                throw new IllegalArgumentException("--target-column reads a column of the interactions table;"
                        + " with --mapping give --target or --target-model");
            }
            return TargetAlignment.readColumn(spark, c.input().paths(), c.input().format(), s.column(), prefix);
        }
        return TargetAlignment.read(spark, s.table(), s.tableFormat(), prefix);
    }

    private static Dataset<Row> align(Dataset<Row> data, Dataset<Row> policy, String prefix) {
        Dataset<Row> joined = data.join(policy, "event_id", "left");
        return TargetAlignment.withAlignment(joined, prefix);
    }

    /** The input row keeps the interactions table's rules ({@code reason} is the rule it breaks). */
    private static Column wellFormed() {
        return col("reason").isNull();
    }

    private static Column bad(boolean compares) {
        Column bad = not(wellFormed()).or(col("t_reason").isNotNull());
        return compares ? bad.or(col("i_reason").isNotNull()) : bad;
    }

    /**
     * Aligned rows with the same reason no estimate can use them (null: usable; {@link #MALFORMED}: the input row
     * breaks a rule of the interactions table), the same reward_observed and the same logger (model_id): how many,
     * whether any of them has candidates with features, their propensities' counts and their vectors' lengths.
     */
    record Counted(String reason, boolean observed, String logger, boolean actionFeatures,
                   PropensityCheck.Partial propensities, VectorLengthRange lengths) {
        long rows() {
            return propensities.rows();
        }

        boolean malformed() {
            return MALFORMED.equals(reason);
        }
    }

    /** The reason {@link #counted} gives the rows the interactions table's rules reject. */
    static final String MALFORMED = "malformed input rows";

    /**
     * The aligned rows counted by reason, reward_observed and logger, in one job (the one that fills the cache, and
     * the one pass that counts the input's malformed rows).
     */
    static List<Counted> counted(Dataset<Row> aligned, BanditEvaluationConfig c) {
        Column alignment = c.compares() ? coalesce(col("t_reason"),
                org.apache.spark.sql.functions.concat(lit("incumbent: "), col("i_reason"))) : col("t_reason");
        Column reason = when(wellFormed(), alignment).otherwise(lit(MALFORMED));
        List<Column> aggregates = new ArrayList<>(PropensityCheck.interactionAggregates());
        int lengthsAt = 3 + aggregates.size();
        aggregates.addAll(VectorLengthRange.aggregates(Tables.INTERACTIONS));
        return aligned.groupBy(reason.as("reason"), coalesce(col("reward_observed"), lit(false)),
                        Loggers.id().as("logger"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
                .collectAsList().stream().map(r -> {
                    VectorLengthRange lengths = VectorLengthRange.of(Tables.INTERACTIONS, r, lengthsAt);
                    return new Counted(r.getString(0), r.getBoolean(1), r.getString(2),
                            lengths.has(Tables.INTERACTIONS, "actions"), PropensityCheck.Partial.of(r, 3), lengths);
                }).toList();
    }

    /** The loggers of the usable rows, from their counts. */
    static Loggers loggers(List<Counted> counted) {
        return Loggers.of(counted.stream().filter(r -> r.reason() == null).collect(Collectors.groupingBy(
                Counted::logger, Collectors.summingLong(Counted::rows))));
    }

    /** Counts the rows no estimate can use, by reason, and fails past {@code --max-bad-fraction}. */
    static long checkUnusable(List<Counted> counted, long quarantined, long rowsIn, BanditEvaluationConfig c) {
        Map<String, Long> byReason = new TreeMap<>();
        counted.stream().filter(r -> r.reason() != null).forEach(r -> byReason.merge(r.reason(), r.rows(),
                Long::sum));
        long unusable = quarantined + byReason.values().stream().mapToLong(Long::longValue).sum();
        String why = byReason.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        if (quarantined > 0) {
            why = (why.isEmpty() ? "" : why + ", ") + quarantined + " " + MALFORMED;
        }
        BadFractionExceededException.checkUnusable("evaluate", unusable, rowsIn, c.input().maxBadFraction(), why,
                new JobSummary("evaluate").put("rows_in", rowsIn).put("unusable", unusable));
        return unusable;
    }

    static Dataset<Row> usable(Dataset<Row> aligned, BanditEvaluationConfig c) {
        return aligned.filter(not(bad(c.compares())))
                .withColumn("pos", array_position(col("actions.id"), col("action")).cast("int"));
    }

    /** MIPS and SNMIPS read each decision's full logged distribution and its candidates' features. */
    static void requireEmbeddings(Dataset<Row> usable) {
        long lacking = usable.filter(col("action_probs").isNull().or(exists(
                col("actions"), a -> a.getField("features").isNull()))).count();
        if (lacking > 0) {
            throw new IllegalArgumentException("evaluate: mips and snmips weigh the chosen action's embedding (its"
                    + " features) by the logger's full distribution: " + lacking + " usable decisions have no"
                    + " action_probs or a candidate without features");
        }
    }

    /** Without --observed-only the counted rows are the selected ones; with it, the unrewarded were dropped first. */
    static EvaluationReport.Unrewarded unrewarded(Dataset<Row> selected, List<Counted> counted,
                                                  BanditEvaluationConfig c) {
        long unrewarded = c.observedOnly()
                ? selected.filter(wellFormed().and(not(col("reward_observed")))).count()
                : counted.stream().filter(r -> !r.observed()).mapToLong(Counted::rows).sum();
        return new EvaluationReport.Unrewarded(unrewarded,
                c.observedOnly());
    }

    static EvaluationReport estimate(Dataset<Row> samples, BanditEvaluationConfig c, long rowsIn, long unusable,
                                     EvaluationReport.Unrewarded unrewarded, PropensityDiagnostics propensities,
                                     Loggers loggers, SnipsSensitivity.Bounds sensitivity) {
        Intervals iv = c.intervals();
        BanditPass zero = new BanditPass(c.estimation().create(), c.estimation().createOnEmbeddings(),
                loggers.several() ? MultiLoggerEstimator.forLoggers(c.estimation().estimators(), loggers.count())
                        : List.of(), iv, c.estimation().clip(), c.compares());
        BanditPass pass = OrderedAggregate.of(samples.javaRDD(), zero, BanditPass::add, BanditPass::merge);
        long used = pass.logged().n();
        if (used == 0) {
            throw new IllegalArgumentException("evaluate: no usable interactions to evaluate in "
                    + c.input().paths());
        }
        List<Estimate> target = pass.targetResults(iv.level());
        Estimate logged = pass.logged().results(iv.level()).get(0);
        List<Estimate> incumbent = pass.incumbent() != null ? pass.incumbent().results(iv.level()) : null;
        List<Estimate> difference = pass.difference() != null ? pass.difference().results(iv.level()) : null;
        List<String> notes = new ArrayList<>();
        if (c.compares() && c.estimation().onEmbeddings()) {
            notes.add("mips and snmips are estimated for the target only; the incumbent and the differences use the"
                    + " other estimators");
        }
        if (loggers.several()) {
            notes.add(loggers.describe());
        }
        if (propensities.estimated() > 0) {
            notes.add("the propensities of " + propensities.estimated() + " of " + propensities.rows() + " rows were"
                    + " estimated from the log (action_prob_source = estimated), not logged: every estimate rests on"
                    + " the fitted logging policy, and its intervals do not include that fit's error; if each fitted"
                    + " propensity's odds are off by up to a factor " + sensitivity.gamma() + ", SNIPS lies in ["
                    + String.format("%.5f, %.5f", sensitivity.lower(), sensitivity.upper())
                    + "] (propensity_sensitivity)");
        }
        return new EvaluationReport(EvaluationReport.Kind.BANDIT, rowsIn, used, unusable, used, iv.level(), target,
                logged, incumbent, difference, unrewarded, notes, propensities, loggers.shares(), sensitivity);
    }

    /**
     * SNIPS's bounds when the fitted propensities' odds may be off by up to {@code gamma}, over the usable rows (the
     * logged ones keep their weight): a few passes over the rows' reward, target and logged probability, cached.
     */
    static SnipsSensitivity.Bounds sensitivity(Dataset<Row> usable, double gamma) {
        Dataset<Row> rows = usable.select(col("reward"), element_at(col("t_aligned"), col("pos")),
                col("action_prob"), coalesce(col("action_prob_source").equalTo("estimated"), lit(false)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            var rdd = rows.javaRDD();
            return SnipsSensitivity.solve(gamma, 0, zero -> OrderedAggregate.of(rdd, zero, (p, r) -> p.add(
                    r.getDouble(0), r.getDouble(1), r.getDouble(2), r.getBoolean(3)), SnipsSensitivity.Pass::merge));
        } finally {
            rows.unpersist();
        }
    }
}
