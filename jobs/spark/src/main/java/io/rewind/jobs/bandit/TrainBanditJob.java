package io.rewind.jobs.bandit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.rewind.formats.Candidate;
import io.rewind.formats.Split;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.OrderedAggregate;
import io.rewind.formats.spark.HadoopFiles;
import io.rewind.formats.spark.TableWriter;
import io.rewind.formats.spark.SparkRows;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.join.Interactions;
import io.rewind.ope.Estimate;
import io.rewind.ope.Evaluation;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.bandit.DoublyRobust;
import io.rewind.ope.bandit.Ips;
import io.rewind.ope.bandit.Snips;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.LearnerStatistics;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.LinearLearner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code rewind train-bandit}: trains a bandit learner on a joined interactions table, in event order (timestamp,
 * then event id, so a re-run trains the same model), through the chosen reduction, and saves it in Rewind's model
 * format with its provenance: the data, the config, and metrics — the logged policy's mean reward, the progressive
 * (before-update) SNIPS value of the policy as it learned, and IPS, SNIPS and DR with 95% intervals on the
 * {@code eval} split when training on {@code train}.
 */
public final class TrainBanditJob {
    private TrainBanditJob() {
    }

    public static JobSummary run(SparkSession spark, TrainBanditConfig c) {
        Interactions read = Interactions.read(spark, c.data(), c.format(), c.mapped());
        Dataset<Row> all = read.valid().select(col("event_id"), col("timestamp"), col("context"), col("actions"),
                col("action"), col("action_prob"), col("reward"), col("split"));
        long rowsRead = read.validCount() + read.quarantinedCount();
        JobSummary summary = new JobSummary("train-bandit").put("rows_read", rowsRead)
                .put("rows_quarantined", read.quarantinedCount());
        String quarantine = c.quarantine();
        if (read.quarantinedCount() > 0) {
            TableWriter.writeQuarantine(read.quarantined(), read.quarantineSchema(), TableFormat.JSONL, quarantine);
            summary.put("quarantine", quarantine);
        } else {
            HadoopFiles.delete(spark, quarantine);
        }
        BadFractionExceededException.check("train-bandit", read.quarantinedCount(), rowsRead, c.maxBadFraction(),
                quarantine, summary);
        Dataset<Row> train = c.split().equals("all") ? all : all.filter(col("split").equalTo("train"));
        if (train.isEmpty()) {
            throw new IllegalArgumentException("train-bandit: no " + (c.split().equals("all") ? "" : "train ")
                    + "rows in " + c.data());
        }
        LinearLearner learner;
        if (c.warmStart() != null) {
            learner = ModelPolicy.parse(ModelPolicy.read(spark, c.warmStart()), c.warmStart()).restoreLearner();
        } else {
            learner = Learners.create(c.learner(), featureMap(train, c.quadratic(), c.armBuckets()), c.seed());
        }
        learner.withReduction(c.reduction());
        Map<String, Double> metrics = new LinkedHashMap<>();
        Training training = c.training().resolve(learner);
        long rows = training == Training.DISTRIBUTED ? learnFromStatistics(train, learner, metrics)
                : learnInOrder(train, learner, c.seed(), metrics);
        summary.put("rows_trained", rows).put("learner", learner.name())
                .put("reduction", c.reduction().name().toLowerCase(java.util.Locale.ROOT))
                .put("training", training.name().toLowerCase(java.util.Locale.ROOT));
        if (c.split().equals("train")) {
            evaluateOnEvalSplit(all.filter(col("split").equalTo("eval")), learner, c.seed(), metrics);
        }
        metrics.forEach((k, v) -> summary.put(k, JobSummary.round(v, 6)));
        String data = String.join(",", c.data()) + " (" + (c.mapped() != null ? "read through the mapping"
                : c.format().name().toLowerCase(java.util.Locale.ROOT))
                + ", split " + c.split() + ", reduction " + c.reduction().name().toLowerCase(java.util.Locale.ROOT)
                + (c.warmStart() == null ? "" : ", warm-started from " + c.warmStart()) + ")";
        BanditModel model = BanditModel.of(learner, BanditModel.Provenance.now(data, rows, metrics));
        write(spark, model, c.model());
        read.release();
        return summary.put("model", c.model());
    }

    /**
     * Every row through the driver in event order: the learner decides (for the progressive SNIPS of the policy as
     * it learned), then learns. Returns the rows learned.
     */
    static long learnInOrder(Dataset<Row> train, LinearLearner learner, long seed, Map<String, Double> metrics) {
        Evaluation<BanditSample> progressive = new Evaluation<>(List.of(new Snips()), 0, seed,
                Double.POSITIVE_INFINITY);
        long rows = 0;
        double rewardSum = 0;
        Iterator<Row> it = train.orderBy(col("timestamp"), col("event_id")).toLocalIterator();
        while (it.hasNext()) {
            LoggedChoice r = LoggedChoice.of(it.next());
            double target = learner.decide(r.context(), r.candidates(), rng(r.eventId())).probabilities()[r.chosen()];
            progressive.add(new BanditSample(rows, r.reward(), r.probability(), target, 0, 0));
            learner.learn(r.context(), r.candidates(), r.chosen(), r.reward(), r.probability(), r.roundKey());
            rows++;
            rewardSum += r.reward();
        }
        metrics.put("logged_mean_reward", rewardSum / rows);
        metrics.put("progressive_snips", progressive.results(0.95).get(0).value());
        return rows;
    }

    /** What each partition collects: the learner's sufficient statistics, the rows and their rewards. */
    record Collected(LearnerStatistics statistics, long rows, double rewardSum) implements java.io.Serializable {
        Collected add(LinearLearner learner, Row row) {
            LoggedChoice r = LoggedChoice.of(row);
            learner.collect(r.context(), r.candidates(), r.chosen(), r.reward(), r.probability(), r.roundKey(),
                    statistics);
            return new Collected(statistics, rows + 1, rewardSum + r.reward());
        }

        Collected merge(Collected other) {
            return new Collected(statistics.merge(other.statistics), rows + other.rows, rewardSum + other.rewardSum);
        }
    }

    /**
     * The learner's sufficient statistics computed on the executors, partition by partition, merged in a tree and
     * learned in one step in the driver: the model a pass in event order gives, for learners whose model does not
     * depend on the order. Returns the rows learned.
     */
    static long learnFromStatistics(Dataset<Row> train, LinearLearner learner, Map<String, Double> metrics) {
        if (!learner.learnsFromStatistics()) {
            throw new IllegalArgumentException("--training distributed: " + learner.name() + " with reduction "
                    + learner.reduction().name().toLowerCase(java.util.Locale.ROOT) + " learns in order, one row at a"
                    + " time (cover's policies and DR's q̂ depend on the rows before);"
                    + " use --training sequential");
        }
        Collected all = OrderedAggregate.of(train.javaRDD(), new Collected(learner.newStatistics(), 0, 0),
                (acc, row) -> acc.add(learner, row), Collected::merge);
        learner.absorb(all.statistics(), all.rows());
        metrics.put("logged_mean_reward", all.rewardSum() / all.rows());
        return all.rows();
    }

    /** What each partition of the held-out rows gives: the estimators' statistics and the logged rewards' sum. */
    record HeldOut(Evaluation<BanditSample> evaluation, double rewardSum) implements java.io.Serializable {
        HeldOut add(LinearLearner learner, Row row) {
            LoggedChoice r = LoggedChoice.of(row);
            double[] p = learner.decide(r.context(), r.candidates(), rng(r.eventId())).probabilities();
            double[] q = learner.scores(r.context(), r.candidates());
            double dm = 0;
            for (int a = 0; a < p.length; a++) {
                dm += p[a] * q[a];
            }
            evaluation.add(new BanditSample(r.eventId().hashCode(), r.reward(), r.probability(), p[r.chosen()],
                    q[r.chosen()], dm));
            return new HeldOut(evaluation, rewardSum + r.reward());
        }

        HeldOut merge(HeldOut other) {
            return new HeldOut(evaluation.merge(other.evaluation), rewardSum + other.rewardSum);
        }
    }

    /**
     * IPS, SNIPS and DR of the trained policy on the held-out rows, with normal 95% intervals, computed on the
     * executors: the model travels with each task and decides every row where it lies. DR's q̂ is the model's own
     * reward prediction, fitted on the train split only.
     */
    static void evaluateOnEvalSplit(Dataset<Row> eval, LinearLearner learner, long seed, Map<String, Double> out) {
        HeldOut zero = new HeldOut(new Evaluation<>(List.of(new Ips(), new Snips(), new DoublyRobust()), 0, seed,
                Double.POSITIVE_INFINITY), 0);
        HeldOut all = OrderedAggregate.of(eval.javaRDD(), zero, (acc, row) -> acc.add(learner, row), HeldOut::merge);
        long n = all.evaluation().n();
        if (n == 0) {
            return;
        }
        out.put("eval_rows", (double) n);
        out.put("eval_logged_mean_reward", all.rewardSum() / n);
        for (Estimate est : all.evaluation().results(0.95)) {
            String k = "eval_" + est.estimator().toLowerCase(java.util.Locale.ROOT);
            out.put(k, est.value());
            out.put(k + "_lower", est.normal().lower());
            out.put(k + "_upper", est.normal().upper());
        }
    }

    /**
     * The feature map the data implies: the context length of the rows; candidates with features give
     * parametric actions of that length, candidates without give fixed arms (every id seen, plus hashed buckets).
     */
    static FeatureMap featureMap(Dataset<Row> train, boolean quadratic, int armBuckets) {
        Row first = train.first();
        int contextDim = first.isNullAt(2) ? 0 : SparkRows.doubles(first.get(2)).length;
        Row featured = train.select(explode(col("actions")).as("a")).filter(col("a.features").isNotNull())
                .select(col("a.features")).limit(1).collectAsList().stream().findFirst().orElse(null);
        if (featured != null) {
            return new FeatureMap(contextDim, SparkRows.doubles(featured.get(0)).length, List.of(), armBuckets,
                    quadratic);
        }
        List<String> arms = train.select(explode(col("actions.id")).as("id")).distinct().orderBy("id")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        return new FeatureMap(contextDim, 0, arms, armBuckets, quadratic);
    }

    static int indexOf(List<Candidate> candidates, String action) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).id().equals(action)) {
                return i;
            }
        }
        throw new IllegalStateException("action " + action + " is not among the candidates (the validator keeps"
                + " such rows out)");
    }

    /** The path of the experiment's hosted model in a registry, to warm-start from; empty when none is hosted. */
    public static java.util.Optional<String> hostedModel(SparkSession spark, String registryPath, String experiment) {
        if (experiment == null) {
            throw new IllegalArgumentException("--warm-start-registry needs --experiment");
        }
        var registry = new io.rewind.jobs.registry.Registry(spark, registryPath);
        return registry.hosted(experiment).flatMap(registry::model).map(m -> m.<String>getAs("path"));
    }

    static SplittableRandom rng(String eventId) {
        return new SplittableRandom(Double.doubleToLongBits(Split.unitHash(eventId)));
    }

    static void write(SparkSession spark, BanditModel model, String path) {
        try {
            io.rewind.formats.spark.HadoopFiles.writeString(spark, path, model.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + path, e);
        }
    }
}
