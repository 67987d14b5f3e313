package io.rewind.jobs.propensity;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The classifier {@code --propensities estimate} fits of the chosen action on the context ({@code __label},
 * {@code __features}); each gives a {@code probability} vector over the action indices. Trees are a random forest
 * because MLlib's gradient-boosted trees classify two classes only.
 */
public enum PropensityModel {
    /** Multinomial logistic regression, L2-penalised: smooth in the context. */
    LOGISTIC {
        @Override
        Transformer fit(Dataset<Row> train, PropensityEstimation e) {
            return new LogisticRegression().setFamily("multinomial").setRegParam(e.regParam()).setMaxIter(200)
                    .setLabelCol("__label").setFeaturesCol("__features").fit(train);
        }
    },
    /**
     * A random forest (100 trees of depth 6 at most, 20 rows a leaf at least, fixed seed): loggers whose choice turns
     * on thresholds or interactions. Deeper trees with small leaves gave noisier probabilities (mean gap to the true
     * propensity 0.141 against 0.042 in ForestPropensitiesTest).
     */
    FOREST {
        @Override
        Transformer fit(Dataset<Row> train, PropensityEstimation e) {
            return new RandomForestClassifier().setNumTrees(100).setMaxDepth(6).setMinInstancesPerNode(20).setSeed(1)
                    .setLabelCol("__label").setFeaturesCol("__features").fit(train);
        }
    };

    abstract Transformer fit(Dataset<Row> train, PropensityEstimation e);
}
