package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.SampleRows;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Rows a mapping brought into a table's shape are checked in the table's types, whatever types they came in. */
class ConformedTypesTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final TableSchema D = Tables.DECISIONS;

    @Test
    void aFloatProbabilityIsCheckedAsTheDoubleItIs() {
        Dataset<Row> conformed = SPARK.createDataFrame(List.of(SparkRows.toRow(D, SampleRows.decisions().get(0))),
                        SparkSchemas.of(D))
                .withColumn("action_prob", col("action_prob").cast("float"))
                .withColumn("sample_prob", col("sample_prob").cast("float"))
                .withColumn("source_file", lit("mapped"))
                .withColumn("source_line", lit(0L))
                .withColumn("raw", lit(null).cast("string"))
                .withColumn("reason", lit(null).cast("string"));
        ReadResult read = TableReader.readConformed(D, conformed, TableReader.Rules.EACH_ROW);
        assertEquals(0, read.quarantinedCount(), () -> read.quarantined().select("reason").collectAsList()
                .toString());
        assertEquals(1, read.validCount());
    }
}
