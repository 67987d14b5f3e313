package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Tables;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Each vector field's shortest and longest vector over some rows, and what they say about the rows. */
class VectorLengthRangeTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final StructType SCHEMA = new StructType()
            .add("context", "array<double>")
            .add("actions", "array<struct<id:string,features:array<double>>>");

    static Row row(double[] context, double[]... features) {
        return RowFactory.create(context == null ? null : Arrays.stream(context).boxed().toList(),
                Arrays.stream(features).map(f -> RowFactory.create("a", f == null ? null
                        : Arrays.stream(f).boxed().toList())).toList());
    }

    static VectorLengthRange range(List<Row> rows) {
        List<Column> a = VectorLengthRange.aggregates(Tables.INTERACTIONS);
        Dataset<Row> df = SPARK.createDataFrame(rows, SCHEMA);
        return VectorLengthRange.of(Tables.INTERACTIONS, df.agg(a.get(0), a.subList(1, a.size())
                .toArray(new Column[0])).first(), 0);
    }

    @Test
    void candidatesWithoutFeaturesHaveNone() {
        VectorLengthRange r = range(List.of(row(new double[] {1, 2}, null, null), row(new double[] {3, 4}, (double[]) null)));
        assertFalse(r.has(Tables.INTERACTIONS, "actions"));
        assertTrue(r.has(Tables.INTERACTIONS, "context"));
        assertTrue(r.oneLengthEach());
    }

    @Test
    void oneCandidateWithFeaturesIsEnough() {
        VectorLengthRange r = range(List.of(row(null, null, new double[] {1, 0, 0}), row(null, (double[]) null)));
        assertTrue(r.has(Tables.INTERACTIONS, "actions"));
        assertFalse(r.has(Tables.INTERACTIONS, "context"));
        assertTrue(r.oneLengthEach());
    }

    @Test
    void lengthsThatDifferAcrossRowsOrGroupsShow() {
        VectorLengthRange a = range(List.of(row(new double[] {1, 2}, new double[] {1}), row(new double[] {1, 2},
                new double[] {1, 2})));
        assertFalse(a.oneLengthEach(), "two features' lengths");
        VectorLengthRange b = range(List.of(row(new double[] {1, 2}, new double[] {1})));
        VectorLengthRange c = range(List.of(row(new double[] {1, 2, 3}, new double[] {1})));
        assertTrue(b.oneLengthEach());
        assertTrue(c.oneLengthEach());
        VectorLengthRange merged = b.merge(c);
        assertFalse(merged.oneLengthEach(), "contexts of 2 and 3 in two groups");
        assertArrayEquals(new int[] {2, 1}, merged.shortest());
        assertArrayEquals(new int[] {3, 1}, merged.longest());
    }
}
