package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.spark.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** How often each candidate was chosen, against all equally often. */
class PropensityCheckTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    /**
     * Candidates a, b, c in every row (c never chosen, b's rows list them in another order), and one row whose chosen
     * action x is not among its candidates: four ids with counts 30, 10, 0 and 1.
     */
    @Test
    void countsEveryCandidateOnceAndEveryChoice() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(RowFactory.create(List.of("a", "b", "c"), "a"));
        }
        for (int i = 0; i < 10; i++) {
            rows.add(RowFactory.create(List.of("c", "b", "a"), "b"));
        }
        rows.add(RowFactory.create(List.of("a", "b"), "x"));
        StructType schema = new StructType().add("ids", "array<string>").add("action", "string");
        double expected = new ChiSquareTest().chiSquareTest(new double[] {1, 1, 1, 1}, new long[] {30, 10, 0, 1});
        Dataset<Row> df = SPARK.createDataFrame(rows, schema);
        assertEquals(expected, PropensityCheck.uniformity(df, col("ids"), col("action")), 1e-15);
        // each task counts its own rows; the counts of ids seen in several tasks add up
        assertEquals(expected, PropensityCheck.uniformity(df.repartition(3), col("ids"), col("action")), 1e-15);
    }
}
