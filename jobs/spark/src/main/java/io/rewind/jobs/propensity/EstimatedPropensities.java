package io.rewind.jobs.propensity;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.zip_with;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.regression.IsotonicRegression;
import org.apache.spark.ml.regression.IsotonicRegressionModel;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Propensities for a log that has none: the logging policy π̂_b(a|x) fitted on the log itself, a classifier
 * ({@link PropensityModel}, Spark MLlib) of the chosen action's id on the context, its probabilities mapped through
 * an isotonic calibration fitted on the same training rows, cross-fitted by a hash of {@code event_id} so no row's
 * propensity comes from a model that saw it. Each row's candidates get the calibrated probabilities of their ids,
 * renormalised over the row's candidates and raised to the floor; {@code action_prob} is the chosen one's,
 * {@code action_probs} the whole vector, and {@code action_prob_source} says {@code estimated}. Rows that cannot be
 * estimated (no context, a conversion already failed) keep a null {@code action_prob} and say why. A log with
 * several {@code model_id}s gets one such fit per logger, on its own rows.
 */
public final class EstimatedPropensities {
    private EstimatedPropensities() {
    }

    /**
     * The decisions with their propensities filled, how many were, how many logging policies were fitted (one per
     * {@code model_id}), and how well calibrated the fit is.
     */
    public record Filled(Dataset<Row> rows, long estimated, int loggers, Calibration calibration) {
    }

    /**
     * Reliability of the estimated probabilities over every (decision, candidate) pair, in ten bins of the
     * probability: the expected calibration error Σ_b (n_b / n) |mean p̂ − share chosen| (Naeini et al. 2015) and
     * the bins themselves.
     */
    public record Calibration(double error, List<Bin> bins) {
        public record Bin(double lower, double meanEstimate, double shareChosen, long pairs) {
        }

        public String describe() {
            StringBuilder sb = new StringBuilder(String.format("expected calibration error %.4f;", error));
            for (Bin b : bins) {
                sb.append(String.format(" [%.1f, %.1f) estimated %.3f chosen %.3f (%d)", b.lower(), b.lower() + 0.1,
                        b.meanEstimate(), b.shareChosen(), b.pairs()));
            }
            return sb.toString();
        }
    }

    /**
     * {@code conformed}: decisions in their table's columns plus {@code reason} (null where the row converted), as
     * a mapping conforms them. Returns the same columns.
     */
    public static Filled fill(Dataset<Row> conformed, PropensityEstimation e) {
        Column estimable = col("reason").isNull().and(col("context").isNotNull()).and(col("action").isNotNull())
                .and(col("actions").isNotNull());
        Dataset<Row> usable = conformed.filter(estimable).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Logger> loggers = loggers(usable);
            List<Dataset<Row>> fitted = new ArrayList<>();
            List<Dataset<Row>> unfitted = new ArrayList<>();
            for (Logger logger : loggers) {
                Dataset<Row> rows = loggers.size() == 1 ? usable : usable.filter(logger.rows());
                if (logger.actions().size() >= 2) {
                    fitted.add(crossFitted(rows, logger.actions(), e));
                } else {
                    unfitted.add(rows.withColumn("reason", lit("action_prob: logger " + logger.describe() + " chose"
                            + " only " + logger.actions() + "; a logging policy needs at least two actions to be"
                            + " fitted (--propensities estimate)")));
                }
            }
            if (fitted.isEmpty()) {
                throw new IllegalArgumentException("--propensities estimate: no logger (model_id) in the log chose two"
                        + " distinct actions; a logging policy needs at least two to be fitted");
            }
            Dataset<Row> aligned = union(fitted).withColumn("__p", floored(floored(col("__raw"), 0), e.floor()));
            Dataset<Row> filled = aligned
                    .withColumn("action_probs", col("__p"))
                    .withColumn("action_prob", element_at(col("__p"),
                            array_position(col("actions.id"), col("action")).cast("int")))
                    .withColumn("action_prob_source", lit("estimated"));
            unfitted.add(conformed.filter(org.apache.spark.sql.functions.not(estimable))
                    .withColumn("reason", coalesce(col("reason"), lit("action_prob: cannot be estimated without"
                            + " context, action and actions (--propensities estimate)"))));
            Column[] columns = java.util.Arrays.stream(conformed.columns()).map(c -> col(c)).toArray(Column[]::new);
            List<Dataset<Row>> parts = new ArrayList<>(List.of(filled));
            parts.addAll(unfitted);
            Dataset<Row> out = union(parts.stream().map(d -> d.select(columns)).toList())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long estimated = out.filter(col("action_prob_source").equalTo("estimated")).count();
            return new Filled(out, estimated, fitted.size(), calibration(out));
        } finally {
            usable.unpersist();
        }
    }

    /**
     * One logging policy of the log: the rows with one {@code model_id} (null: the rows without one), and the
     * actions it chose, in order.
     */
    record Logger(String modelId, List<String> actions) {
        Column rows() {
            return modelId == null ? col("model_id").isNull() : col("model_id").equalTo(modelId);
        }

        String describe() {
            return modelId == null ? "(rows without model_id)" : "'" + modelId + "'";
        }
    }

    /**
     * The log's loggers, each with the actions it chose: several {@code model_id}s are several logging policies,
     * each fitted on its own rows, since a fit pooled over them gives every row the loggers' mixture instead of
     * the probability its own logger gave (the weighted multi-logger estimators weigh each logger by its own).
     */
    static List<Logger> loggers(Dataset<Row> usable) {
        java.util.Map<String, List<String>> byLogger = new java.util.LinkedHashMap<>();
        for (Row r : usable.select(col("model_id"), col("action")).distinct()
                .orderBy(col("model_id").asc_nulls_first(), col("action")).collectAsList()) {
            byLogger.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1));
        }
        return byLogger.entrySet().stream().map(en -> new Logger(en.getKey(), List.copyOf(en.getValue()))).toList();
    }

    /**
     * {@code rows} (one logger's) with {@code __raw}: each candidate's calibrated probability from the fold model
     * that did not see the row, over the logger's chosen {@code ids}.
     */
    private static Dataset<Row> crossFitted(Dataset<Row> rows, List<String> ids, PropensityEstimation e) {
        Column idArray = org.apache.spark.sql.functions.array(ids.stream().map(org.apache.spark.sql.functions::lit)
                .toArray(Column[]::new));
        Dataset<Row> labelled = rows
                .withColumn("__label", array_position(idArray, col("action")).minus(1).cast("double"))
                .withColumn("__features", functions.array_to_vector(col("context")))
                .withColumn("__fold", pmod(xxhash64(col("event_id")), lit(e.folds())));
        List<Dataset<Row>> scored = new ArrayList<>();
        for (int k = 0; k < e.folds(); k++) {
            Dataset<Row> train = labelled.filter(col("__fold").notEqual(k));
            org.apache.spark.ml.Transformer model = e.model().fit(train, e);
            UserDefinedFunction calibrated = calibrator(candidateProbs(model.transform(train), idArray));
            scored.add(candidateProbs(model.transform(labelled.filter(col("__fold").equalTo(k))), idArray)
                    .withColumn("__raw", transform(col("__raw"), x -> calibrated.apply(x))));
        }
        return union(scored);
    }

    private static Dataset<Row> union(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            all = all.unionByName(parts.get(k));
        }
        return all;
    }

    /** {@code __raw}: the model's probability of each of the row's candidates (0 for an id it never saw chosen). */
    private static Dataset<Row> candidateProbs(Dataset<Row> scored, Column idArray) {
        Column fitted = functions.vector_to_array(col("probability"), "float64");
        return scored.withColumn("__raw", transform(col("actions"), c -> coalesce(try_element_at(fitted,
                array_position(idArray, c.getField("id")).cast("int")), lit(0.0))));
    }

    /** Bins of the fitted probability the calibration pools pairs in, and pseudo-pairs per bin (see calibrator). */
    private static final int CALIBRATION_BINS = 1000;
    private static final double CALIBRATION_PRIOR = 1;

    /**
     * An isotonic map from a candidate's fitted probability to the share of such candidates chosen, fitted (Spark
     * MLlib) on the training rows' (decision, candidate) pairs: a softmax of linear scores is smooth where loggers
     * often are not (epsilon-greedy gives one probability to its greedy choice and another to every other
     * candidate), and the map restores that shape without looking at the rows it is applied to. The pairs are
     * pooled in bins of the fitted probability, each with one pseudo-pair chosen with the model's own probability:
     * a block of a few pairs at the edge, all unchosen, would otherwise map to 0 and give its rows weights of
     * 1/floor, and a block of many pairs is left as its share.
     */
    private static UserDefinedFunction calibrator(Dataset<Row> train) {
        Dataset<Row> bins = pairs(train, "__raw")
                .groupBy(floor(col("p").multiply(CALIBRATION_BINS)))
                .agg(avg("p").as("p"), sum("chosen").as("chosen"), count(lit(1)).as("n"))
                .select(col("p"), col("chosen").plus(col("p").multiply(CALIBRATION_PRIOR))
                        .divide(col("n").plus(CALIBRATION_PRIOR)).as("share"),
                        col("n").plus(CALIBRATION_PRIOR).cast("double").as("w"));
        IsotonicRegressionModel iso = new IsotonicRegression().setFeaturesCol("p").setLabelCol("share")
                .setWeightCol("w").fit(bins);
        org.apache.spark.mllib.regression.IsotonicRegressionModel map =
                new org.apache.spark.mllib.regression.IsotonicRegressionModel(iso.boundaries().toArray(),
                        iso.predictions().toArray(), true);
        return udf((UDF1<Double, Double>) map::predict, DataTypes.DoubleType);
    }

    /** Every (decision, candidate) pair: the candidate's probability in column {@code probs}, and whether chosen. */
    private static Dataset<Row> pairs(Dataset<Row> rows, String probs) {
        return rows.select(explode(zip_with(col(probs), col("actions"), (p, c) -> struct(p.as("p"),
                        c.getField("id").equalTo(col("action")).cast("double").as("chosen")))).as("pair"))
                .select(col("pair.p").as("p"), col("pair.chosen").as("chosen"));
    }

    /** p / Σp, each raised to {@code floor} and renormalised (floor 0: renormalised only). */
    private static Column floored(Column p, double floor) {
        Column raised = floor > 0 ? transform(p, x -> greatest(x, lit(floor))) : p;
        Column sum = aggregate(raised, lit(0.0), (acc, x) -> acc.plus(x));
        return transform(raised, x -> when(sum.gt(0), x.divide(sum)).otherwise(lit(0.0)));
    }

    static Calibration calibration(Dataset<Row> filled) {
        Dataset<Row> pairs = pairs(filled.filter(col("action_prob_source").equalTo("estimated")), "action_probs");
        List<Row> bins = pairs.withColumn("bin", least(floor(col("p").multiply(10)), lit(9)).cast("int"))
                .groupBy("bin").agg(avg("p"), avg("chosen"), count(lit(1))).orderBy("bin").collectAsList();
        long n = bins.stream().mapToLong(r -> r.getLong(3)).sum();
        double error = 0;
        List<Calibration.Bin> out = new ArrayList<>();
        for (Row r : bins) {
            double gap = Math.abs(r.getDouble(1) - r.getDouble(2));
            error += gap * r.getLong(3) / n;
            out.add(new Calibration.Bin(r.getInt(0) / 10.0, r.getDouble(1), r.getDouble(2), r.getLong(3)));
        }
        return new Calibration(error, out);
    }
}
