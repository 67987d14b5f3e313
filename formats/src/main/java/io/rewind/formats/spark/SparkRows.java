package io.rewind.formats.spark;

import io.rewind.formats.Candidate;
import io.rewind.formats.FieldException;
import io.rewind.formats.FieldType;
import io.rewind.formats.TableSchema;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;

/** Rows of a {@link TableSchema} ({@code Object[]} in field order) to and from Spark {@link Row}s. */
public final class SparkRows {
    private SparkRows() {
    }

    /** The Spark value of each field, followed by {@code extra} values as they are. */
    public static Row toRow(TableSchema schema, Object[] values, Object... extra) {
        Object[] out = new Object[schema.size() + extra.length];
        for (int i = 0; i < schema.size(); i++) {
            out[i] = values == null ? null : toSpark(schema.field(i).type(), values[i]);
        }
        System.arraycopy(extra, 0, out, schema.size(), extra.length);
        return RowFactory.create(out);
    }

    /** Reads the first {@code schema.size()} columns of a row in the schema's field order. */
    public static Object[] fromRow(TableSchema schema, Row row) {
        Object[] out = new Object[schema.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = row.isNullAt(i) ? null : fromSpark(schema.field(i).type(), row.get(i));
            } catch (RuntimeException e) {
                throw new FieldException(schema.field(i).name(), "unreadable value (" + e + ")");
            }
        }
        return out;
    }

    /**
     * Reads the first {@code schema.size()} fields of a row as Spark holds it internally, in the schema's field order,
     * each of the Spark type at its position in {@code types}; candidate and slate ids are taken from {@code ids}.
     */
    static Object[] fromInternal(TableSchema schema, InternalRow row, DataType[] types, IdStrings ids) {
        Object[] out = new Object[schema.size()];
        for (int i = 0; i < out.length; i++) {
            String name = schema.field(i).name();
            try {
                out[i] = row.isNullAt(i) ? null
                        : SparkCodec.of(schema.field(i).type()).fromInternal(name, row.get(i, types[i]), ids);
            } catch (FieldException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new FieldException(name, "unreadable value (" + e + ")");
            }
        }
        return out;
    }

    static Object toSpark(FieldType type, Object v) {
        return v == null ? null : SparkCodec.of(type).toSpark(v);
    }

    static Object fromSpark(FieldType type, Object v) {
        return v == null ? null : SparkCodec.of(type).fromSpark(v);
    }

    /** A Spark {@code actions} value as candidates. */
    @SuppressWarnings("unchecked")
    public static List<Candidate> candidates(Object v) {
        return (List<Candidate>) fromSpark(FieldType.CANDIDATES, v);
    }

    /** An internal Spark array of doubles as double[]; a null element is a {@link FieldException} of {@code field}. */
    public static double[] doubles(String field, ArrayData a) {
        double[] out = new double[a.numElements()];
        for (int i = 0; i < out.length; i++) {
            if (a.isNullAt(i)) {
                throw new FieldException(field, "element " + i + " is null");
            }
            out[i] = a.getDouble(i);
        }
        return out;
    }

    /** A Spark array value (Seq, List or double[]) as double[]. */
    public static double[] doubles(Object v) {
        return SparkCodec.doubles(v);
    }
}
