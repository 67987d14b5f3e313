package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.struct;

import io.rewind.formats.FieldException;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Validator;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.ObjectType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A table's rules for one row ({@link Validator}) as a Spark column, judged over the row as Spark holds it
 * internally. A Java UDF receives each row converted to a {@link org.apache.spark.sql.Row} first, every candidate a
 * {@code Row} and every id a {@code String}, which cost more than the rules themselves (a third of the reading stage
 * of bench/ope/evaluate.sh); Spark's public API has no UDF over internal rows, so this one calls {@link #reason} on
 * the struct of the table's columns through Catalyst's {@link Invoke}, inside the generated code of the read.
 */
public final class EachRowCheck implements Serializable {
    private final TableSchema schema;
    private final Validator validator;
    private final DataType[] types;
    private transient ThreadLocal<IdStrings> ids;

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
     * The first rule of {@code schema} that a row of its columns (in its Spark types) breaks, as {@code field: rule};
     * null where the row keeps them all.
     */
    static Column reason(TableSchema schema) {
        Expression row = ExpressionUtils.expression(struct(ReadResult.tableColumns(schema).toArray(new Column[0])));
        Expression check = new Literal(new EachRowCheck(schema), new ObjectType(EachRowCheck.class));
        return ExpressionUtils.column(new Invoke(check, "reason", DataTypes.StringType,
                CollectionConverters.asScala(List.of(row)).toList(), CollectionConverters.asScala(
                        List.<org.apache.spark.sql.types.AbstractDataType>of()).toList(), false, true, true));
    }

    /** Called by the generated code: see {@link #reason(TableSchema)}. */
    public UTF8String reason(InternalRow row) {
        if (ids == null) {
            ids = ThreadLocal.withInitial(IdStrings::new);
        }
        String why;
        try {
            why = validator.check(SparkRows.fromInternal(schema, row, types, ids.get()));
        } catch (FieldException e) {
            why = e.getMessage();
        }
        return why == null ? null : UTF8String.fromString(why);
    }
}
