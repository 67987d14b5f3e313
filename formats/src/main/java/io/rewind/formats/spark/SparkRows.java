package io.rewind.formats.spark;

import io.rewind.formats.Candidate;
import io.rewind.formats.FieldException;
import io.rewind.formats.FieldType;
import io.rewind.formats.TableSchema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

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

    @SuppressWarnings("unchecked")
    static Object toSpark(FieldType type, Object v) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case TIMESTAMP:
                return Timestamp.from((Instant) v);
            case DOUBLE_ARRAY:
                return v; // Spark's encoder takes double[] as it is
            case STRING_ARRAY:
                return seq(Arrays.asList((String[]) v));
            case SPARSE_VECTOR:
                return CollectionConverters.asScala((Map<String, Double>) v);
            case CANDIDATES: {
                List<Candidate> cs = (List<Candidate>) v;
                List<Row> rows = new ArrayList<>(cs.size());
                for (Candidate c : cs) {
                    rows.add(RowFactory.create(c.id(), c.features()));
                }
                return seq(rows);
            }
            default:
                return v;
        }
    }

    static Object fromSpark(FieldType type, Object v) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case TIMESTAMP:
                return v instanceof Instant i ? i : ((Timestamp) v).toInstant();
            case DOUBLE_ARRAY:
                return doubles(v);
            case STRING_ARRAY: {
                List<Object> l = list(v);
                String[] out = new String[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (String) l.get(i);
                }
                return out;
            }
            case SPARSE_VECTOR: {
                Map<String, Double> out = new LinkedHashMap<>();
                scala.collection.Map<?, ?> m = (scala.collection.Map<?, ?>) v;
                scala.collection.Iterator<? extends scala.Tuple2<?, ?>> it = m.iterator();
                while (it.hasNext()) {
                    scala.Tuple2<?, ?> e = it.next();
                    out.put((String) e._1(), (Double) e._2());
                }
                return out;
            }
            case CANDIDATES: {
                List<Object> l = list(v);
                List<Candidate> out = new ArrayList<>(l.size());
                for (Object o : l) {
                    Row r = (Row) o;
                    out.add(new Candidate(r.getString(0), r.isNullAt(1) ? null : doubles(r.get(1))));
                }
                return out;
            }
            default:
                return v;
        }
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> l) {
        return CollectionConverters.asScala(l).toSeq();
    }

    /** A Spark {@code actions} value as candidates. */
    @SuppressWarnings("unchecked")
    public static List<Candidate> candidates(Object v) {
        return (List<Candidate>) fromSpark(FieldType.CANDIDATES, v);
    }

    /** A Spark array value (Seq, List or double[]) as double[]. */
    public static double[] doubles(Object v) {
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
}
