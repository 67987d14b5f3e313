package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.mapping.MappedTableKind;
import io.rewind.jobs.mapping.MappedTables;
import io.rewind.jobs.mapping.Mapping;
import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.PoissonBootstrap;
import io.rewind.ope.sequential.EpisodeSample;
import io.rewind.ope.sequential.PerDecisionIs;
import io.rewind.ope.sequential.WeightedIs;
import io.rewind.ope.sequential.WeightedPerDecisionIs;
import io.rewind.ope.spark.SparkEvaluation;
import io.rewind.formats.spark.SparkRows;
import io.rewind.ope.sequential.SequentialDirectMethod;
import io.rewind.ope.sequential.SequentialDoublyRobust;
import io.rewind.ope.sequential.WeightedDoublyRobust;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Off-policy estimates for episodes: the target's per-step probabilities come from a column of the episodes input
 * (an array over actions at each step); steps are grouped per episode and ordered by {@code step} on Spark, and the
 * importance-sampling estimators run as the same mergeable aggregation as the bandit ones; SDR, WDR and DM use a
 * value model from fitted Q evaluation.
 */
public final class EpisodeEvaluation {
    private EpisodeEvaluation() {
    }

    public static EvaluationReport run(SparkSession spark, EpisodeEvaluationConfig c) {
        String[] p = c.input().pathArray();
        return evaluate(spark, c, TableReader.read(spark, Tables.EPISODES, c.input().format(), p),
                () -> TableReader.raw(spark, c.input().format(), p));
    }

    /**
     * Episodes read from a user's own rows through {@code mapping} (its {@code episodes} section), with nothing
     * written; the target is a policy ({@code --target-policy}), since a mapping carries no target column.
     */
    public static EvaluationReport run(SparkSession spark, EpisodeEvaluationConfig c, Mapping mapping) {
        requireMappable(c, mapping);
        return evaluate(spark, c, MappedTables.read(spark, MappedTables.prepare(spark, mapping),
                MappedTableKind.EPISODES, TableReader.Rules.ALL), null);
    }

    /** What an evaluation through {@code mapping} needs: an episodes section, and the target as a policy. */
    public static void requireMappable(EpisodeEvaluationConfig c, Mapping mapping) {
        if (!mapping.tables().contains(MappedTableKind.EPISODES)) {
            throw new IllegalArgumentException("evaluate episodes --mapping: " + mapping.file() + " maps no episodes");
        }
        if (c.targetPolicy() == null) {
            throw new IllegalArgumentException("evaluate episodes --mapping: give the target as --target-policy"
                    + " (a mapping maps no --target-column)");
        }
    }

    /** @param raw the input's own columns, where {@code --target-column} is read (null for a mapped log) */
    private static EvaluationReport evaluate(SparkSession spark, EpisodeEvaluationConfig c, ReadResult read,
                                             java.util.function.Supplier<Dataset<Row>> raw) {
        List<String> paths = c.input().paths();
        String targetColumn = c.targetColumn();
        String targetPolicy = c.targetPolicy();
        double gamma = c.gamma();
        int replicates = c.intervals().replicates();
        double level = c.intervals().level();
        long seed = c.intervals().seed();
        int fqeIterations = c.fqeIterations();
        Dataset<Row> target;
        if (targetPolicy != null) {
            target = io.rewind.jobs.transform.PolicyProbabilities.of(spark, targetPolicy, read.valid()
                    .select(col("episode_id").cast("long").as("episode_id"), col("step").cast("int").as("step"),
                            col("state")), 4096);
        } else {
            Dataset<Row> columns = raw.get();
            if (!List.of(columns.columns()).contains(targetColumn)) {
                throw new IllegalArgumentException("the episodes have no column " + targetColumn
                        + " (--target-column)");
            }
            target = columns.select(col("episode_id").cast("long").as("episode_id"), col("step").cast("int")
                    .as("step"), col(targetColumn).cast(DataTypes.createArrayType(DataTypes.DoubleType)).as("target"));
        }
        Dataset<Row> steps = read.valid().join(target, new String[] {"episode_id", "step"}, "inner")
                .filter(col("target").isNotNull())
                .withColumn("ratio", element_at(col("target"), col("action").plus(1))
                        .divide(element_at(col("action_probs"), col("action").plus(1))));
        Row last = steps.agg(max("step")).first();
        if (last.isNullAt(0)) {
            throw new IllegalArgumentException("evaluate: no episode steps with target probabilities in " + paths);
        }
        int horizon = last.getInt(0) + 1;
        long stepsIn = read.validCount() + read.quarantinedCount();
        long stepsUsed = steps.count();
        long unusable = stepsIn - stepsUsed;
        BadFractionExceededException.checkUnusable("evaluate episodes", unusable, stepsIn,
                c.input().maxBadFraction(), (unusable - read.quarantinedCount()) + " steps without target"
                        + " probabilities, " + read.quarantinedCount() + " malformed steps",
                new JobSummary("evaluate").put("rows_in", stepsIn).put("unusable", unusable));
        PropensityDiagnostics propensities = PropensityCheck.ofSteps(read.valid());
        PropensityCheck.requireWithin(propensities, stepsIn, c.input().maxBadFraction());
        JavaRDD<EpisodeSample> episodes = steps.groupBy("episode_id")
                .agg(sort_array(collect_list(struct(col("step"), col("reward"), col("ratio")))).as("steps"))
                .javaRDD().map(r -> {
                    List<Row> s = r.getList(1);
                    double[] rewards = new double[s.size()];
                    double[] ratios = new double[s.size()];
                    for (int t = 0; t < rewards.length; t++) {
                        rewards[t] = s.get(t).getDouble(1);
                        ratios[t] = s.get(t).getDouble(2);
                    }
                    return EpisodeSample.withoutModel(PoissonBootstrap.mix(r.getLong(0)), rewards, ratios);
                });
        List<Estimator<EpisodeSample>> estimators = List.of(new PerDecisionIs(gamma),
                new WeightedPerDecisionIs(gamma, horizon), new WeightedIs(gamma));
        var evaluation = SparkEvaluation.evaluate(episodes, estimators, replicates, seed, Double.POSITIVE_INFINITY);
        List<Estimate> estimates = new ArrayList<>(evaluation.results(level));
        if (fqeIterations > 0) {
            estimates.addAll(withValueModel(steps, gamma, horizon, fqeIterations, replicates, level, seed));
        }
        read.unpersist();
        EvaluationReport report = new EvaluationReport(EvaluationReport.Kind.EPISODES, stepsIn, stepsUsed, unusable,
                evaluation.n(), level, estimates, null, null, null, null, List.of(), propensities,
                List.of(), null);
        ReportWriter.write(spark, report, c.outputs());
        return report;
    }

    /**
     * SDR, WDR and DM with a value model from fitted Q evaluation on linear per-action features [1, state], fitted on
     * Spark ({@link SparkFittedQ}); the episodes are then assembled and evaluated as the same mergeable aggregation.
     */
    private static List<Estimate> withValueModel(Dataset<Row> steps, double gamma, int horizon, int iterations,
                                                 int replicates, double level, long seed) {
        int actions = steps.select("target").first().getList(0).size();
        double[][] w = SparkFittedQ.fit(steps, actions, gamma, iterations, 1e-3);
        JavaRDD<EpisodeSample> episodes = steps.groupBy("episode_id")
                .agg(sort_array(collect_list(struct(col("step"), col("reward"), col("ratio"), col("state"),
                        col("action"), col("target")))).as("steps"))
                .javaRDD().map(r -> {
                    var fqe = SparkFittedQ.model(w);
                    List<double[]> episode = new ArrayList<>();
                    for (Row s : r.<Row>getList(1)) {
                        double[] state = SparkRows.doubles(s.get(3));
                        episode.add(new double[] {s.getDouble(1), s.getDouble(2), fqe.q(state, s.getInt(4)),
                                fqe.value(state, SparkRows.doubles(s.get(5)))});
                    }
                    return EpisodeSample.fromSteps(PoissonBootstrap.mix(r.getLong(0)), episode);
                });
        List<Estimator<EpisodeSample>> estimators = List.of(new SequentialDoublyRobust(gamma),
                new WeightedDoublyRobust(gamma, horizon), new SequentialDirectMethod());
        return SparkEvaluation.evaluate(episodes, estimators, replicates, seed, Double.POSITIVE_INFINITY)
                .results(level);
    }
}
