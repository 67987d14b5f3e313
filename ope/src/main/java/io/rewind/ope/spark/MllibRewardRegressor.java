package io.rewind.ope.spark;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Spark MLlib: a logistic regression for binary rewards, a linear regression otherwise, L2-regularised. */
public record MllibRewardRegressor(double regParam) implements RewardRegressor {
    @Override
    public Dataset<Row> fitAndScore(Dataset<Row> train, Dataset<Row> score, boolean binaryRewards) {
        if (binaryRewards) {
            Model<?> m = new LogisticRegression().setRegParam(regParam).setMaxIter(50).fit(train);
            return m.transform(score).withColumn("q_hat",
                    functions.vector_to_array(col("probability"), "float64").getItem(1));
        }
        Model<?> m = new LinearRegression().setRegParam(regParam).setMaxIter(50).fit(train);
        return m.transform(score).withColumnRenamed("prediction", "q_hat");
    }
}
