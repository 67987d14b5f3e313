package io.rewind.formats.spark;

import io.rewind.formats.Field;
import io.rewind.formats.FieldType;
import io.rewind.formats.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark types of Rewind tables, derived from the one {@link TableSchema}. */
public final class SparkSchemas {
    public static final StructType CANDIDATE = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.DoubleType, false), true)});

    private SparkSchemas() {
    }

    public static StructType of(TableSchema schema) {
        List<StructField> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(DataTypes.createStructField(f.name(), type(f.type()), true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The same type with every array element, map value and struct field nullable (a safe cast target). */
    public static DataType nullable(DataType t) {
        if (t instanceof ArrayType a) {
            return DataTypes.createArrayType(nullable(a.elementType()), true);
        }
        if (t instanceof MapType m) {
            return DataTypes.createMapType(m.keyType(), nullable(m.valueType()), true);
        }
        if (t instanceof StructType s) {
            List<StructField> fields = new ArrayList<>();
            for (StructField f : s.fields()) {
                fields.add(DataTypes.createStructField(f.name(), nullable(f.dataType()), true));
            }
            return DataTypes.createStructType(fields);
        }
        return t;
    }

    public static DataType type(FieldType t) {
        return SparkCodec.of(t).type();
    }
}
