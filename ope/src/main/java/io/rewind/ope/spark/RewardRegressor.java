package io.rewind.ope.spark;

import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The learner behind a cross-fitted reward model: fits q̂ on one set of rows and scores another. Rows carry a
 * {@code features} vector (Spark ML); training rows also a {@code label} (the logged reward).
 */
public interface RewardRegressor extends Serializable {
    /** @return {@code score} with a {@code q_hat} column */
    Dataset<Row> fitAndScore(Dataset<Row> train, Dataset<Row> score, boolean binaryRewards);
}
