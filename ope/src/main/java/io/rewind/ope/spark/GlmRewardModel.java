package io.rewind.ope.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.Split;
import io.rewind.formats.spark.InternalCall;
import io.rewind.formats.spark.OrderedAggregate;
import io.rewind.formats.spark.SparkRows;
import io.rewind.ope.reward.CrossFittedGlm;
import io.rewind.ope.reward.Link;
import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * q̂(x, a) for every candidate of every logged decision from a {@link CrossFittedGlm} fitted on Spark: the logged
 * rows are reduced once to (fold, key, features, reward) and cached, each Newton step is one aggregation of
 * {@link io.rewind.ope.reward.GlmStatistics} over them (one for ridge), and the candidates are scored row by row
 * in the projection that reads them, so no row × candidate table is built, shuffled or cached.
 * Features: for fixed arms [1, x] in the arm's own block (key: the arm's id); for actions with features one shared
 * block [1, x, a, x ⊗ a].
 */
public final class GlmRewardModel {
    /** Newton steps at most, and the coefficient change under which the fit has converged. */
    static final int MAX_STEPS = 25;
    static final double TOLERANCE = 1e-6;

    private GlmRewardModel() {
    }

    /** How the model is fitted: its link, its L2 penalty, and whether predictions of binary rewards are clipped. */
    public enum Kind {
        /** Logistic regression for binary rewards, ridge regression otherwise. */
        GLM,
        /** Ridge regression for any rewards, predictions clipped to [0, 1] for binary rewards. */
        RIDGE
    }

    /** One logged row as the fit reads it. */
    record LoggedRow(int fold, String key, double[] z, double reward) implements Serializable {
    }

    /** The cross-fitting fold of an event, salted: the train/eval split hashes the bare event_id. */
    public static int fold(String eventId, int folds) {
        return (int) Math.floor(Split.unitHash(eventId + "#fold") * folds);
    }

    /**
     * @param interactions rows with {@code event_id}, {@code context}, {@code actions}, {@code action},
     *                     {@code reward}
     * @param parametric   whether any row's candidates carry features (then q̂ is one shared model of
     *                     [1, x, a, x ⊗ a]), as the caller counted it in a pass it makes anyway
     *                     ({@link io.rewind.formats.spark.VectorLengthRange#has})
     * @return {@code interactions} with {@code q}: q̂ for each of the row's candidates, in their order
     */
    public static Dataset<Row> withQ(Dataset<Row> interactions, boolean parametric, int folds, Kind kind,
                                     double l2) {
        // the chosen candidate's position and, with features, its features: not every candidate of every row
        Column pos = array_position(col("actions.id"), col("action"));
        JavaRDD<LoggedRow> logged = interactions.select(col("event_id"), col("context"), col("action"), col("reward"),
                        pos.as("pos"), parametric ? when(pos.gt(0), element_at(col("actions"), pos.cast("int")))
                                .getField("features").as("chosen_features")
                                : lit(null).cast("array<double>").as("chosen_features"))
                .javaRDD().map(r -> logged(r, folds, parametric)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Shape shape = logged.map(r -> new Shape(r.z().length, r.reward() == 0 || r.reward() == 1))
                    .fold(Shape.NONE, Shape::merge);
            if (shape.dim() < 0) {
                throw new IllegalArgumentException("reward model: no usable rows to fit it on");
            }
            CrossFittedGlm model = fit(logged, shape, folds, kind, l2);
            boolean clip = kind == Kind.RIDGE && shape.binary();
            // fixed arms need only the candidates' ids, not their structs
            return interactions.withColumn("q", InternalCall.of(new GlmCandidateScores(model, folds, parametric, clip),
                    "q", DataTypes.createArrayType(DataTypes.DoubleType, false), col("event_id"), col("context"),
                    parametric ? col("actions") : col("actions.id")));
        } finally {
            logged.unpersist(false);
        }
    }

    /** The logged rows' feature count and whether every reward is 0 or 1, from the pass that caches them. */
    record Shape(int dim, boolean binary) implements Serializable {
        /** No rows. */
        static final Shape NONE = new Shape(-1, true);

        Shape merge(Shape o) {
            if (dim < 0 || o.dim < 0) {
                return dim < 0 ? o : this;
            }
            if (o.dim != dim) {
                throw new IllegalArgumentException("reward model: rows with " + dim + " and with " + o.dim
                        + " features (context and action features must have one length across the table)");
            }
            return new Shape(dim, binary && o.binary);
        }
    }

    static CrossFittedGlm fit(JavaRDD<LoggedRow> logged, Shape shape, int folds, Kind kind, double l2) {
        Link link = kind == Kind.GLM && shape.binary() ? Link.LOGISTIC : Link.IDENTITY;
        CrossFittedGlm model = CrossFittedGlm.fit(link, l2, folds, shape.dim(), MAX_STEPS, TOLERANCE,
                m -> OrderedAggregate.of(logged, m.newStatistics(), (s, r) -> s.add(r.fold(), r.key(), r.z(),
                        r.reward()), (a, b) -> a.merge(b)));
        for (int k = 0; k < folds; k++) {
            if (model.trainingRows(k) == 0) {
                throw new IllegalArgumentException("reward model: every logged row falls in fold " + k + " of "
                        + folds + ", so the model that scores it has none to learn from; use fewer --folds or more"
                        + " data");
            }
        }
        return model;
    }

    private static LoggedRow logged(Row r, int folds, boolean parametric) {
        String id = r.getAs("event_id");
        String action = r.getAs("action");
        Long pos = r.getAs("pos");
        if (pos == null || pos == 0) {
            throw new IllegalArgumentException("event " + id + ": the logged action " + action
                    + " is not among its candidates");
        }
        double[] x = context(r.getAs("context"));
        Object chosen = r.getAs("chosen_features");
        return new LoggedRow(fold(id, folds), parametric ? "" : action,
                parametric ? features(x, chosen == null ? null : SparkRows.doubles(chosen)) : withIntercept(x),
                r.<Double>getAs("reward"));
    }

    private static double[] context(Object v) {
        return v == null ? new double[0] : SparkRows.doubles(v);
    }

    /** [1, x]. */
    static double[] withIntercept(double[] x) {
        double[] z = new double[x.length + 1];
        z[0] = 1;
        System.arraycopy(x, 0, z, 1, x.length);
        return z;
    }

    /** [1, x, a, x ⊗ a]: MLlib's features for actions with features, and the intercept MLlib fits itself. */
    static double[] features(double[] x, double[] actionFeatures) {
        return withIntercept(CrossFittedRewardModel.parametricFeatures(x,
                actionFeatures == null ? new double[0] : actionFeatures));
    }
}
