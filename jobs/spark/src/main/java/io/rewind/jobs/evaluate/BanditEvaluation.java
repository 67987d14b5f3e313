package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.zip_with;

import io.rewind.formats.Split;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.bandit.ModelPolicy;
import io.rewind.ope.Difference;
import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.Paired;
import io.rewind.ope.PoissonBootstrap;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.spark.CrossFittedRewardModel;
import io.rewind.ope.spark.SparkBanditEvaluation;
import io.rewind.ope.spark.SparkEvaluation;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code rewind evaluate bandit}: off-policy estimates of a target policy on joined interactions, with intervals and
 * diagnostics, the logged policy's own value, and optionally the difference to an incumbent policy.
 */
public final class BanditEvaluation {
    private BanditEvaluation() {
    }

    public static EvaluationReport run(SparkSession spark, BanditEvaluationConfig c) {
        ReadResult read = TableReader.read(spark, Tables.INTERACTIONS, c.input().format(), c.input().pathArray());
        Dataset<Row> selected = c.split().apply(read.valid());
        Dataset<Row> data = c.observedOnly() ? selected.filter(col("reward_observed")) : selected;
        Dataset<Row> aligned = withPolicies(spark, c, data).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long rows = aligned.count();
            if (rows == 0) {
                throw new IllegalArgumentException("evaluate: no interactions to evaluate in " + c.input().paths()
                        + (c.split() == SplitSelection.ALL ? "" : " (split " + c.split().label() + ")"));
            }
            long rowsIn = rows + read.quarantinedCount();
            long unusable = checkUnusable(aligned, read, rowsIn, c);
            Dataset<Row> samples = samples(withRewardModel(usable(aligned, c), c.estimation()), c.compares())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            EvaluationReport report = estimate(samples, c, rowsIn, unusable, unrewarded(selected, c));
            samples.unpersist();
            ReportWriter.write(spark, report, c.outputs());
            return report;
        } finally {
            aligned.unpersist();
            read.unpersist();
        }
    }

    /** The interactions with the target's (and the incumbent's) probabilities aligned to each row's candidates. */
    static Dataset<Row> withPolicies(SparkSession spark, BanditEvaluationConfig c, Dataset<Row> data) {
        Dataset<Row> out = align(data, policy(spark, c, c.target(), data, "t"), "t");
        return c.compares() ? align(out, policy(spark, c, c.incumbent(), data, "i"), "i") : out;
    }

    private static Dataset<Row> policy(SparkSession spark, BanditEvaluationConfig c, PolicySource s,
                                       Dataset<Row> data, String prefix) {
        if (s.model() != null) {
            return ModelPolicy.distributions(spark, data, s.model(), prefix);
        }
        if (s.column() != null) {
            return TargetAlignment.readColumn(spark, c.input().paths(), c.input().format(), s.column(), prefix);
        }
        return TargetAlignment.read(spark, s.table(), s.tableFormat(), prefix);
    }

    private static Dataset<Row> align(Dataset<Row> data, Dataset<Row> policy, String prefix) {
        Dataset<Row> joined = data.join(policy, "event_id", "left");
        return joined.withColumn(prefix + "_reason", TargetAlignment.reason(joined, prefix))
                .withColumn(prefix + "_aligned", TargetAlignment.aligned(prefix));
    }

    private static Column bad(boolean compares) {
        return compares ? col("t_reason").isNotNull().or(col("i_reason").isNotNull()) : col("t_reason").isNotNull();
    }

    /** Counts the rows no estimate can use, by reason, and fails past {@code --max-bad-fraction}. */
    static long checkUnusable(Dataset<Row> aligned, ReadResult read, long rowsIn, BanditEvaluationConfig c) {
        Column reason = c.compares() ? org.apache.spark.sql.functions.coalesce(col("t_reason"),
                org.apache.spark.sql.functions.concat(lit("incumbent: "), col("i_reason"))) : col("t_reason");
        List<Row> byReason = aligned.filter(bad(c.compares())).groupBy(reason.as("reason")).count().collectAsList();
        long unusable = read.quarantinedCount() + byReason.stream().mapToLong(r -> r.getLong(1)).sum();
        String why = byReason.stream().map(r -> r.getLong(1) + " " + r.getString(0))
                .collect(Collectors.joining(", "));
        if (read.quarantinedCount() > 0) {
            why = (why.isEmpty() ? "" : why + ", ") + read.quarantinedCount() + " malformed input rows";
        }
        BadFractionExceededException.checkUnusable("evaluate", unusable, rowsIn, c.input().maxBadFraction(), why,
                new JobSummary("evaluate").put("rows_in", rowsIn).put("unusable", unusable));
        return unusable;
    }

    private static Dataset<Row> usable(Dataset<Row> aligned, BanditEvaluationConfig c) {
        return aligned.filter(not(bad(c.compares())))
                .withColumn("pos", array_position(col("actions.id"), col("action")).cast("int"));
    }

    /** Adds {@code q}: the cross-fitted q̂(x, a) for each candidate, or zeros when no estimator needs it. */
    static Dataset<Row> withRewardModel(Dataset<Row> good, BanditEstimation e) {
        if (!e.needsRewardModel()) {
            return good.withColumn("q", zip_with(col("t_aligned"), col("t_aligned"), (a, b) -> lit(0.0)));
        }
        Dataset<Row> q = CrossFittedRewardModel.predict(good, e.folds(), e.rewardModel().regressor())
                .groupBy("event_id").agg(array_sort(collect_list(struct(col("pos"), col("q_hat")))).as("q"));
        return good.join(q, "event_id").withColumn("q", col("q.q_hat"));
    }

    /**
     * The rows the estimators read, by name: id, reward, logged_prob, target_prob, q_hat, dm_value, and the
     * incumbent's i_target_prob and i_dm_value.
     */
    static Dataset<Row> samples(Dataset<Row> good, boolean compares) {
        UserDefinedFunction rowId = udf((UDF1<String, Long>) id -> PoissonBootstrap.mix(Double.doubleToLongBits(
                Split.unitHash(id))), DataTypes.LongType);
        return good.select(rowId.apply(col("event_id")).as("id"), col("reward"),
                col("action_prob").as("logged_prob"), element_at(col("t_aligned"), col("pos")).as("target_prob"),
                element_at(col("q"), col("pos")).as("q_hat"), dm("t_aligned").as("dm_value"),
                compares ? element_at(col("i_aligned"), col("pos")).as("i_target_prob") : lit(0.0).as("i_target_prob"),
                compares ? dm("i_aligned").as("i_dm_value") : lit(0.0).as("i_dm_value"));
    }

    static EvaluationReport.Unrewarded unrewarded(Dataset<Row> selected, BanditEvaluationConfig c) {
        return new EvaluationReport.Unrewarded(selected.filter(not(col("reward_observed"))).count(),
                c.observedOnly());
    }

    static EvaluationReport estimate(Dataset<Row> samples, BanditEvaluationConfig c, long rowsIn, long unusable,
                                     EvaluationReport.Unrewarded unrewarded) {
        List<Estimator<BanditSample>> estimators = c.estimation().create();
        Intervals iv = c.intervals();
        double clip = c.estimation().clip();
        List<Estimate> target = SparkBanditEvaluation.evaluate(samples, estimators, iv.replicates(), iv.seed(), clip)
                .results(iv.level());
        Dataset<Row> onPolicy = samples.select(col("id"), col("reward"), col("logged_prob"),
                col("logged_prob").as("target_prob"), col("q_hat"), col("q_hat").as("dm_value"));
        Estimate logged = SparkBanditEvaluation.evaluate(onPolicy, List.of(new Ips()), iv.replicates(), iv.seed(),
                Double.POSITIVE_INFINITY).results(iv.level()).get(0);
        List<Estimate> incumbent = null;
        List<Estimate> difference = null;
        if (c.compares()) {
            Dataset<Row> inc = samples.select(col("id"), col("reward"), col("logged_prob"),
                    col("i_target_prob").as("target_prob"), col("q_hat"), col("i_dm_value").as("dm_value"));
            incumbent = SparkBanditEvaluation.evaluate(inc, estimators, iv.replicates(), iv.seed(), clip)
                    .results(iv.level());
            List<Estimator<Paired<BanditSample>>> diffs = estimators.stream()
                    .<Estimator<Paired<BanditSample>>>map(Difference::new).toList();
            difference = SparkEvaluation.evaluate(pairs(samples), diffs, iv.replicates(), iv.seed(), clip)
                    .results(iv.level());
        }
        long used = samples.count();
        return new EvaluationReport(EvaluationReport.Kind.BANDIT, rowsIn, used, unusable, used, iv.level(), target,
                logged, incumbent, difference, unrewarded, List.of());
    }

    /** Each row as the target's and the incumbent's sample of the same event. */
    private static JavaRDD<Paired<BanditSample>> pairs(Dataset<Row> samples) {
        return samples.javaRDD().map(r -> {
            long id = r.getAs("id");
            double reward = r.getAs("reward");
            double logged = r.getAs("logged_prob");
            double q = r.getAs("q_hat");
            return new Paired<>(new BanditSample(id, reward, logged, r.getAs("target_prob"), q, r.getAs("dm_value")),
                    new BanditSample(id, reward, logged, r.getAs("i_target_prob"), q, r.getAs("i_dm_value")));
        });
    }

    /** Σ_a π(a|x) q̂(x, a) for the probabilities in column {@code probs}. */
    private static Column dm(String probs) {
        return aggregate(zip_with(col(probs), col("q"), (p, q) -> p.multiply(q)), lit(0.0), (acc, x) -> acc.plus(x));
    }
}
