package io.rewind.formats.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.ObjectType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A column that calls a public method of a serializable Java object on Spark's internal values of its arguments
 * ({@code UTF8String} for a string, {@code ArrayData} for an array, {@code InternalRow} for a struct, a primitive for
 * a number; null where the argument is null), inside the code Spark generates for the projection, returning an
 * internal value of type {@code result} (null allowed). A Java UDF instead receives every argument converted to
 * {@code Row}s, Scala sequences and {@code String}s, which cost more than the work of Rewind's per-row functions
 * (bench/ope/evaluate.sh); Spark's public API has no UDF over internal values, so this builds Catalyst's
 * {@link Invoke}. The object is serialized with the plan, one copy per task.
 */
public final class InternalCall {
    private InternalCall() {
    }

    public static Column of(Serializable target, String method, DataType result, Column... args) {
        Expression self = new Literal(target, new ObjectType(target.getClass()));
        return ExpressionUtils.column(new Invoke(self, method, result,
                CollectionConverters.asScala(Arrays.stream(args).map(ExpressionUtils::expression).toList()).toList(),
                CollectionConverters.asScala(List.<AbstractDataType>of()).toList(), false, true, true));
    }
}
