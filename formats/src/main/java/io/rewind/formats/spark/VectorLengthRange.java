package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.rewind.formats.TableSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * The shortest and longest vector of each of a table's vector fields over some rows: where they are equal for every
 * field, the rule of one length per field across the table rejects none of those rows, so a job that reads them
 * anyway can count this beside its own work instead of a pass of its own ({@link TableReader#readDeferringLengths}).
 * Ranges of disjoint groups of rows merge.
 */
public record VectorLengthRange(int[] shortest, int[] longest) implements Serializable {
    /** The aggregations over a table's rows (two per vector field), read back with {@link #of}. */
    public static List<Column> aggregates(TableSchema schema) {
        List<Column> out = new ArrayList<>();
        for (String field : AcrossRowRules.vectorFields(schema)) {
            Column lengths = AcrossRowRules.lengths(field);
            out.add(min(array_min(lengths)));
            out.add(max(array_max(lengths)));
        }
        return out;
    }

    /** The {@link #aggregates} of {@code schema} at {@code offset} of {@code r}; null where no row had the field. */
    public static VectorLengthRange of(TableSchema schema, Row r, int offset) {
        int fields = AcrossRowRules.vectorFields(schema).size();
        int[] lo = new int[fields];
        int[] hi = new int[fields];
        for (int f = 0; f < fields; f++) {
            lo[f] = r.isNullAt(offset + 2 * f) ? Integer.MAX_VALUE : r.getInt(offset + 2 * f);
            hi[f] = r.isNullAt(offset + 2 * f + 1) ? Integer.MIN_VALUE : r.getInt(offset + 2 * f + 1);
        }
        return new VectorLengthRange(lo, hi);
    }

    public VectorLengthRange merge(VectorLengthRange o) {
        int[] lo = shortest.clone();
        int[] hi = longest.clone();
        for (int f = 0; f < lo.length; f++) {
            lo[f] = Math.min(lo[f], o.shortest[f]);
            hi[f] = Math.max(hi[f], o.longest[f]);
        }
        return new VectorLengthRange(lo, hi);
    }

    /**
     * Whether any of the rows has a vector in {@code field} (for {@code actions}: a candidate with features), as
     * {@link #aggregates} of {@code schema} counted it.
     */
    public boolean has(TableSchema schema, String field) {
        int f = AcrossRowRules.vectorFields(schema).indexOf(field);
        if (f < 0) {
            throw new IllegalArgumentException(schema.name() + " has no vector field " + field);
        }
        return longest[f] != Integer.MIN_VALUE;
    }

    /** Whether every field's vectors have one length (or no row has the field). */
    public boolean oneLengthEach() {
        for (int f = 0; f < shortest.length; f++) {
            if (shortest[f] != Integer.MAX_VALUE && shortest[f] != longest[f]) {
                return false;
            }
        }
        return true;
    }
}
