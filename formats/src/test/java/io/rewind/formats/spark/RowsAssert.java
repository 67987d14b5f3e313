package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.JsonCodec;
import io.rewind.formats.TableSchema;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Compares tables as sets of rows, through their canonical JSON (exact doubles, all fields). */
final class RowsAssert {
    private RowsAssert() {
    }

    static TreeSet<String> canonical(TableSchema schema, List<Object[]> rows) {
        TreeSet<String> out = new TreeSet<>();
        for (Object[] r : rows) {
            out.add(JsonCodec.encodeLine(schema, r));
        }
        return out;
    }

    static TreeSet<String> canonical(TableSchema schema, Dataset<Row> df) {
        TreeSet<String> out = new TreeSet<>();
        for (Row r : df.collectAsList()) {
            out.add(JsonCodec.encodeLine(schema, SparkRows.fromRow(schema, r)));
        }
        return out;
    }

    static void assertSameRows(TableSchema schema, List<Object[]> expected, Dataset<Row> actual) {
        assertEquals(canonical(schema, expected), canonical(schema, actual), schema.name());
    }
}
