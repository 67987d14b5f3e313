package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.zip_with;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.Split;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.jobs.bandit.ModelPolicy;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
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
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
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
 * {@code rewind evaluate}: off-policy estimates of a target policy on joined interactions, with intervals and
 * diagnostics, the logged policy's own value, and optionally the difference to an incumbent policy.
 */
public final class EvaluateJob {
    private EvaluateJob() {
    }

    public static EvaluationReport run(SparkSession spark, EvaluateConfig c) {
        ReadResult read = TableReader.read(spark, Tables.INTERACTIONS, c.dataFormat(),
                c.data().toArray(new String[0]));
        Dataset<Row> data = read.valid();
        if (!c.split().equals("all")) {
            data = data.filter(col("split").equalTo(c.split()));
        }
        if (c.observedOnly()) {
            data = data.filter(col("reward_observed"));
        }
        Dataset<Row> targets = c.targetModel() != null
                ? ModelPolicy.distributions(spark, data, c.targetModel(), "t")
                : c.targetColumn() != null
                ? TargetAlignment.readColumn(spark, c.data(), c.dataFormat(), c.targetColumn(), "t")
                : TargetAlignment.read(spark, c.target(), c.targetFormat(), "t");
        Dataset<Row> withTarget = data.join(targets,
                        "event_id", "left")
                .withColumn("t_reason", TargetAlignment.reason("t"))
                .withColumn("t_aligned", TargetAlignment.aligned("t"));
        boolean compare = c.incumbentModel() != null || (c.incumbent() != null && !c.incumbent().isEmpty());
        if (compare) {
            Dataset<Row> incumbents = c.incumbentModel() != null
                    ? ModelPolicy.distributions(spark, data, c.incumbentModel(), "i")
                    : TargetAlignment.read(spark, c.incumbent(), c.incumbentFormat(), "i");
            withTarget = withTarget.join(incumbents, "event_id", "left")
                    .withColumn("i_reason", TargetAlignment.reason("i"))
                    .withColumn("i_aligned", TargetAlignment.aligned("i"));
        }
        Column bad = compare ? col("t_reason").isNotNull().or(col("i_reason").isNotNull())
                : col("t_reason").isNotNull();
        Dataset<Row> all = withTarget.persist(StorageLevel.MEMORY_AND_DISK());
        long rows = all.count();
        if (rows == 0) {
            throw new IllegalArgumentException("evaluate: no interactions to evaluate in " + c.data()
                    + (c.split().equals("all") ? "" : " (split " + c.split() + ")"));
        }
        long unusable = all.filter(bad).count() + read.quarantinedCount();
        BadFractionExceededException.check("evaluate", unusable, rows + read.quarantinedCount(), c.maxBadFraction(),
                "the evaluation report", new JobSummary("evaluate"));
        Dataset<Row> good = all.filter(bad.unary_$bang())
                .withColumn("pos", array_position(col("actions.id"), col("action")).cast("int"));

        if (Estimators.needRewardModel(c.estimators())) {
            Dataset<Row> q = CrossFittedRewardModel.predict(good, c.folds(), c.regressor())
                    .groupBy("event_id").agg(array_sort(collect_list(struct(col("pos"), col("q_hat")))).as("q"));
            good = good.join(q, "event_id").withColumn("q", col("q.q_hat"));
        } else {
            good = good.withColumn("q", zip_with(col("t_aligned"), col("t_aligned"), (a, b) -> lit(0.0)));
        }
        UserDefinedFunction rowId = udf((UDF1<String, Long>) id -> PoissonBootstrap.mix(Double.doubleToLongBits(
                Split.unitHash(id))), DataTypes.LongType);
        Dataset<Row> samples = good.select(rowId.apply(col("event_id")).as("id"), col("reward"),
                col("action_prob").as("logged_prob"), element_at(col("t_aligned"), col("pos")).as("target_prob"),
                element_at(col("q"), col("pos")).as("q_hat"), dm("t_aligned").as("dm_value"),
                compare ? element_at(col("i_aligned"), col("pos")).as("i_target_prob") : lit(0.0).as("i_target_prob"),
                compare ? dm("i_aligned").as("i_dm_value") : lit(0.0).as("i_dm_value"))
                .persist(StorageLevel.MEMORY_AND_DISK());

        List<Estimator<BanditSample>> estimators = Estimators.parse(c.estimators(), c.clip(), c.tau(), c.lambda());
        double level = c.level();
        List<Estimate> target = SparkBanditEvaluation.evaluate(samples, estimators, c.replicates(), c.seed(),
                c.clip()).results(level);
        Dataset<Row> onPolicy = samples.select(col("id"), col("reward"), col("logged_prob"),
                col("logged_prob").as("target_prob"), col("q_hat"), col("q_hat").as("dm_value"));
        Estimate logged = SparkBanditEvaluation.evaluate(onPolicy, List.of(new Ips()), c.replicates(), c.seed(),
                Double.POSITIVE_INFINITY).results(level).get(0);
        List<Estimate> incumbent = null;
        List<Estimate> difference = null;
        if (compare) {
            Dataset<Row> inc = samples.select(col("id"), col("reward"), col("logged_prob"),
                    col("i_target_prob").as("target_prob"), col("q_hat"), col("i_dm_value").as("dm_value"));
            incumbent = SparkBanditEvaluation.evaluate(inc, estimators, c.replicates(), c.seed(), c.clip())
                    .results(level);
            JavaRDD<Paired<BanditSample>> pairs = samples.javaRDD().map(r -> new Paired<>(
                    new BanditSample(r.getLong(0), r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4),
                            r.getDouble(5)),
                    new BanditSample(r.getLong(0), r.getDouble(1), r.getDouble(2), r.getDouble(6), r.getDouble(4),
                            r.getDouble(7))));
            List<Estimator<Paired<BanditSample>>> diffs = new ArrayList<>();
            for (Estimator<BanditSample> e : estimators) {
                diffs.add(new Difference<>(e));
            }
            difference = SparkEvaluation.evaluate(pairs, diffs, c.replicates(), c.seed(), c.clip()).results(level);
        }
        long used = samples.count();
        EvaluationReport report = new EvaluationReport(rows + read.quarantinedCount(), used, unusable, level, target,
                logged, incumbent, difference);
        if (c.report() != null) {
            writeJson(spark, report, c.report());
        }
        if (c.chart() != null) {
            EstimateChart.write(report, c.chart());
        }
        all.unpersist();
        samples.unpersist();
        read.unpersist();
        return report;
    }

    /** Σ_a π(a|x) q̂(x, a) for the probabilities in column {@code probs}. */
    private static Column dm(String probs) {
        return aggregate(zip_with(col(probs), col("q"), (p, q) -> p.multiply(q)), lit(0.0), (acc, x) -> acc.plus(x));
    }

    public static void writeJson(SparkSession spark, EvaluationReport report, String path) {
        Path p = new Path(path);
        try (OutputStream out = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(p, true)) {
            out.write(JsonCodec.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + path, e);
        }
    }

    /** Estimates as a printed table, each name after {@code prefix}. */
    public static String table(String prefix, List<Estimate> estimates) {
        StringBuilder sb = new StringBuilder(header());
        for (Estimate e : estimates) {
            sb.append(line(prefix + e.estimator(), e));
        }
        return sb.toString();
    }

    private static String header() {
        return String.format("%-32s %10s %23s %23s %10s %9s%n", "estimator", "value", "normal interval",
                "bootstrap interval", "ESS", "max w");
    }

    /** The report as a printed table. */
    public static String table(EvaluationReport r) {
        StringBuilder sb = new StringBuilder(header());
        for (Estimate e : r.target()) {
            sb.append(line("target " + e.estimator(), e));
        }
        if (r.incumbent() != null) {
            for (Estimate e : r.incumbent()) {
                sb.append(line("incumbent " + e.estimator(), e));
            }
            for (Estimate e : r.difference()) {
                sb.append(line(e.estimator(), e));
            }
        }
        sb.append(line("logged policy", r.logged()));
        sb.append(String.format("rows in %d, used %d, unusable %d%n", r.rowsIn(), r.rowsUsed(), r.quarantined()));
        return sb.toString();
    }

    private static String line(String name, Estimate e) {
        return String.format("%-32s %10.5f %23s %23s %10.1f %9.2f%n", name, e.value(),
                String.format("[%.5f, %.5f]", e.normal().lower(), e.normal().upper()),
                e.bootstrap() == null ? "" : String.format("[%.5f, %.5f]", e.bootstrap().lower(),
                        e.bootstrap().upper()), e.effectiveSampleSize(), e.maxWeight());
    }
}
