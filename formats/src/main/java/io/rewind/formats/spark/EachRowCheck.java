package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import io.rewind.formats.FieldException;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Validator;
import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A table's rules for one row ({@link Validator}) as a Spark column, judged over the row as Spark holds it
 * internally ({@link InternalCall}): converted to {@code Row}s for a UDF, every candidate a {@code Row} and every id
 * a {@code String}, the rows cost more than the rules themselves (a third of the reading stage of
 * bench/ope/evaluate.sh).
 */
public final class EachRowCheck implements Serializable {
    private final TableSchema schema;
    private final Validator validator;
    private final DataType[] types;

    private EachRowCheck(TableSchema schema) {
        this.schema = schema;
        this.validator = Validator.of(schema);
        StructType table = SparkSchemas.of(schema);
        this.types = new DataType[schema.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = table.fields()[i].dataType();
        }
    }

    /**
     * The first rule of {@code schema} that a row of its columns breaks, as {@code field: rule}; null where the row
     * keeps them all.
     */
    static Column reason(TableSchema schema) {
        EachRowCheck check = new EachRowCheck(schema);
        // each column cast to the type the check reads it as (no cast where it has that type already)
        Column[] row = new Column[schema.size()];
        for (int i = 0; i < row.length; i++) {
            String name = schema.field(i).name();
            row[i] = col(name).cast(SparkSchemas.nullable(check.types[i])).as(name);
        }
        return InternalCall.of(check, "reason", DataTypes.StringType, struct(row));
    }

    /** Called by the generated code: see {@link #reason(TableSchema)}. */
    public UTF8String reason(InternalRow row) {
        String why;
        try {
            why = validator.check(SparkRows.fromInternal(schema, row, types, IdStrings.ofThisThread()));
        } catch (FieldException e) {
            why = e.getMessage();
        }
        return why == null ? null : UTF8String.fromString(why);
    }
}
