package io.rewind.formats.spark;

import io.rewind.formats.Candidate;
import io.rewind.formats.FieldException;
import io.rewind.formats.FieldType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark side of each {@link FieldType}, one constant per type and named as it: its Spark SQL type, its Java value
 * to and from the value a Spark {@link Row} holds, and from the value Spark's {@link InternalRow} holds (as the rows
 * are read, without a {@code Row} in between). Scalars are the same value on all sides.
 */
enum SparkCodec {
    STRING(DataTypes.StringType) {
        Object fromInternal(String field, Object v, IdStrings ids) {
            return v.toString(); // a UTF8String
        }
    },
    INT(DataTypes.IntegerType),
    LONG(DataTypes.LongType),
    DOUBLE(DataTypes.DoubleType),
    BOOLEAN(DataTypes.BooleanType),
    TIMESTAMP(DataTypes.TimestampType) {
        Object toSpark(Object v) {
            return Timestamp.from((Instant) v);
        }

        Object fromSpark(Object v) {
            return v instanceof Instant i ? i : ((Timestamp) v).toInstant();
        }

        Object fromInternal(String field, Object v, IdStrings ids) {
            return DateTimeUtils.microsToInstant((Long) v);
        }
    },
    DOUBLE_ARRAY(DataTypes.createArrayType(DataTypes.DoubleType, false)) {
        // Spark's encoder takes double[] as it is
        Object fromSpark(Object v) {
            return doubles(v);
        }

        Object fromInternal(String field, Object v, IdStrings ids) {
            return SparkRows.doubles(field, (ArrayData) v);
        }
    },
    STRING_ARRAY(DataTypes.createArrayType(DataTypes.StringType, false)) {
        Object toSpark(Object v) {
            return seq(Arrays.asList((String[]) v));
        }

        Object fromSpark(Object v) {
            return list(v).toArray(new String[0]);
        }

        Object fromInternal(String field, Object v, IdStrings ids) {
            ArrayData a = (ArrayData) v;
            String[] out = new String[a.numElements()];
            for (int i = 0; i < out.length; i++) {
                if (a.isNullAt(i)) {
                    throw new FieldException(field, "element " + i + " is null");
                }
                out[i] = ids.of(i, a.getUTF8String(i));
            }
            return out;
        }
    },
    SPARSE_VECTOR(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false)) {
        @SuppressWarnings("unchecked")
        Object toSpark(Object v) {
            return CollectionConverters.asScala((Map<String, Double>) v);
        }

        Object fromSpark(Object v) {
            Map<String, Double> out = new LinkedHashMap<>();
            scala.collection.Iterator<? extends scala.Tuple2<?, ?>> it = ((scala.collection.Map<?, ?>) v).iterator();
            while (it.hasNext()) {
                scala.Tuple2<?, ?> e = it.next();
                out.put((String) e._1(), (Double) e._2());
            }
            return out;
        }

        Object fromInternal(String field, Object v, IdStrings ids) {
            MapData m = (MapData) v;
            ArrayData keys = m.keyArray();
            ArrayData values = m.valueArray();
            Map<String, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < m.numElements(); i++) {
                out.put(keys.getUTF8String(i).toString(), values.isNullAt(i) ? null : values.getDouble(i));
            }
            return out;
        }
    },
    CANDIDATES(DataTypes.createArrayType(SparkSchemas.CANDIDATE, false)) {
        @SuppressWarnings("unchecked")
        Object toSpark(Object v) {
            List<Candidate> cs = (List<Candidate>) v;
            List<Row> rows = new ArrayList<>(cs.size());
            for (Candidate c : cs) {
                rows.add(RowFactory.create(c.id(), c.features()));
            }
            return seq(rows);
        }

        Object fromSpark(Object v) {
            List<Object> l = list(v);
            List<Candidate> out = new ArrayList<>(l.size());
            for (Object o : l) {
                Row r = (Row) o;
                out.add(new Candidate(r.getString(0), r.isNullAt(1) ? null : doubles(r.get(1))));
            }
            return out;
        }

        Object fromInternal(String field, Object v, IdStrings ids) {
            ArrayData a = (ArrayData) v;
            List<Candidate> out = new ArrayList<>(a.numElements());
            for (int i = 0; i < a.numElements(); i++) {
                if (a.isNullAt(i)) {
                    throw new FieldException(field + "[" + i + "]", "null");
                }
                InternalRow r = a.getStruct(i, 2);
                out.add(new Candidate(r.isNullAt(0) ? null : ids.of(i, r.getUTF8String(0)),
                        r.isNullAt(1) ? null : SparkRows.doubles(field + "[" + i + "].features", r.getArray(1))));
            }
            return out;
        }
    };

    private static final SparkCodec[] BY_TYPE = FieldType.codecsByType(SparkCodec.class);

    private final DataType type;

    SparkCodec(DataType type) {
        this.type = type;
    }

    /** The codec named as the type. */
    static SparkCodec of(FieldType t) {
        return BY_TYPE[t.ordinal()];
    }

    DataType type() {
        return type;
    }

    /** The value a Spark row holds for a non-null Java value. */
    Object toSpark(Object v) {
        return v;
    }

    /** The Java value of a non-null Spark row value. */
    Object fromSpark(Object v) {
        return v;
    }

    /**
     * The Java value of a non-null value of a Spark {@link InternalRow} of this type, {@code field} naming it, its
     * candidate and slate ids from {@code ids}.
     */
    Object fromInternal(String field, Object v, IdStrings ids) {
        return v;
    }

    /** A Spark array value (Seq, List or double[]) as double[]. */
    static double[] doubles(Object v) {
        if (v instanceof double[] d) {
            return d;
        }
        List<Object> l = list(v);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Double) l.get(i);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        return CollectionConverters.asJava((scala.collection.Seq<Object>) v);
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> l) {
        return CollectionConverters.asScala(l).toSeq();
    }
}
