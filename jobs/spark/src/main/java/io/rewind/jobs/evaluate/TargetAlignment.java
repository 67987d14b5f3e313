package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.FieldChecks;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.TableReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A target policy's distribution over each logged event's candidates, taken from a decisions table the policy
 * wrote for the same events and matched by candidate id (the two tables may list candidates in different orders).
 */
public final class TargetAlignment {
    public static final String NO_TARGET = "target: no target probabilities for this event";
    public static final String NO_DISTRIBUTION = "target: action_probs missing (the target's full distribution is"
            + " needed)";
    public static final String NO_CANDIDATES = "target: the logged event has no candidates";
    public static final String OTHER_CANDIDATES = "target: its candidate set differs from the logged one";

    private TargetAlignment() {
    }

    /**
     * event_id, {@code prefix}_ids, {@code prefix}_probs from the target's decisions table, and for the events whose
     * target row breaks a rule (probabilities that do not sum to 1, say) that rule in {@code prefix}_invalid, so the
     * evaluation counts them under it rather than as events without a target.
     */
    public static Dataset<Row> read(SparkSession spark, List<String> paths, TableFormat format, String prefix) {
        // each row's own rules only (the table-wide ones, one context length, say nothing about its probabilities),
        // read in the one pass below with nothing cached
        Dataset<Row> rows = TableReader.eachRowChecked(spark, Tables.DECISIONS, format, paths.toArray(new String[0]))
                .filter(col("event_id").isNotNull());
        Column usable = col("reason").isNull();
        Column fields = struct(when(usable, col("actions.id")).as(prefix + "_ids"),
                when(usable, col("action_probs")).as(prefix + "_probs"),
                when(usable, lit(null).cast("string")).otherwise(concat(lit("target row unusable: "), col("reason")))
                        .as(prefix + INVALID));
        Dataset<Row> chosen = eventsUnique(spark, paths, format)
                ? rows.select(col("event_id"), fields.as("chosen"))
                // one row per event, a usable one where there is one: one aggregation, whose output is already
                // partitioned and sorted by event_id for the join that follows
                : rows.groupBy("event_id").agg(min_by(fields, when(usable, 0).otherwise(1)).as("chosen"));
        return chosen.select(col("event_id"), col("chosen." + prefix + "_ids"), col("chosen." + prefix + "_probs"),
                col("chosen." + prefix + INVALID));
    }

    /**
     * Whether no event_id appears twice in a Parquet or Delta table, from its event_id column alone: then its rows
     * need no aggregation to one per event, whose sort-based partial aggregation (a struct of arrays cannot be
     * aggregated by hash) copied every row and cost more CPU than decoding the table (bench/ope/evaluate.sh). Text
     * tables are always aggregated: reading their event_id column costs a parse of every line.
     */
    static boolean eventsUnique(SparkSession spark, List<String> paths, TableFormat format) {
        if (format.isText()) {
            return false;
        }
        return TableReader.raw(spark, format, paths.toArray(new String[0]))
                .select(col("event_id").cast("string").as("event_id")).filter(col("event_id").isNotNull())
                .groupBy("event_id").count().filter(col("count").gt(1)).isEmpty();
    }

    private static final String INVALID = "_invalid";

    /**
     * event_id, {@code prefix}_ids, {@code prefix}_probs from a column of the input itself that holds the target's
     * probabilities in the order of the row's {@code actions} (JSON lines, Parquet or Delta; in CSV a JSON cell).
     */
    public static Dataset<Row> readColumn(SparkSession spark, List<String> paths, TableFormat format, String column,
                                          String prefix) {
        String[] p = paths.toArray(new String[0]);
        Dataset<Row> raw = TableReader.raw(spark, format, p);
        if (!List.of(raw.columns()).contains(column)) {
            throw new IllegalArgumentException("the input has no column " + column + " (--target-column)");
        }
        Column probs = format == TableFormat.CSV
                ? org.apache.spark.sql.functions.from_json(col(column), DataTypes.createArrayType(DataTypes.DoubleType))
                : col(column).cast(DataTypes.createArrayType(DataTypes.DoubleType));
        Column ids = format == TableFormat.CSV
                ? org.apache.spark.sql.functions.from_json(col("actions"), DataTypes.createArrayType(
                        io.rewind.formats.spark.SparkSchemas.CANDIDATE)).getField("id")
                : col("actions.id");
        return raw.select(col("event_id").cast("string").as("event_id"), ids.as(prefix + "_ids"),
                probs.as(prefix + "_probs")).dropDuplicates("event_id");
    }

    /**
     * {@code joined} with {@code prefix}_aligned, the target's probabilities in the order of the logged
     * {@code actions} (null when they cannot be had), and {@code prefix}_reason, why not (null when they can); both
     * from one evaluation of the alignment per row.
     */
    public static Dataset<Row> withAlignment(Dataset<Row> joined, String prefix) {
        StructType type = new StructType()
                .add("probs", DataTypes.createArrayType(DataTypes.DoubleType), true)
                .add("reason", DataTypes.StringType, true);
        UserDefinedFunction f = udf((UDF3<Object, Object, Object, Row>) (logged, ids, probs) ->
                RowFactory.create(align(logged, ids, probs)), type);
        String both = prefix + "_alignment";
        boolean checked = List.of(joined.columns()).contains(prefix + INVALID);
        Column reason = checked ? coalesce(col(prefix + INVALID), col(both).getField("reason"))
                : col(both).getField("reason");
        Column logged = col("actions.id");
        Column ids = col(prefix + "_ids");
        Column probs = col(prefix + "_probs");
        // the common case, the target's candidates in the logged order, in Spark's own expressions; the UDF (a map
        // from id to probability) only for the rest, and for the reason where there is one. A decisions table's
        // rows were checked by its rules (one probability per candidate, summing to 1), so only other sources'
        // sums are checked here (Spark interprets the sum's lambda, element by element).
        Column inOrder = logged.equalTo(ids).and(size(probs).equalTo(size(ids)));
        if (!checked) {
            Column sum = aggregate(probs, lit(0.0), (acc, p) -> acc.plus(p));
            inOrder = inOrder.and(abs(sum.minus(1)).leq(FieldChecks.PROB_SUM_TOLERANCE));
        }
        Column alignment = when(inOrder, struct(probs.as("probs"), lit(null).cast("string").as("reason")))
                .otherwise(f.apply(logged, ids, probs));
        return joined.withColumn(both, alignment)
                .withColumn(prefix + "_reason", reason)
                .withColumn(prefix + "_aligned", col(both).getField("probs"))
                .drop(both);
    }

    static Object[] align(Object loggedIds, Object targetIds, Object targetProbs) {
        if (loggedIds == null) {
            return new Object[] {null, NO_CANDIDATES};
        }
        if (targetIds == null) {
            return new Object[] {null, NO_TARGET};
        }
        if (targetProbs == null) {
            return new Object[] {null, NO_DISTRIBUTION};
        }
        List<Object> logged = list(loggedIds);
        List<Object> ids = list(targetIds);
        List<Object> probs = list(targetProbs);
        if (ids.size() != logged.size()) {
            return new Object[] {null, OTHER_CANDIDATES};
        }
        Map<Object, Double> byId = new HashMap<>(2 * ids.size());
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), (Double) probs.get(i));
        }
        double[] out = new double[logged.size()];
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            Double p = byId.get(logged.get(i));
            if (p == null) {
                return new Object[] {null, OTHER_CANDIDATES};
            }
            out[i] = p;
            sum += p;
        }
        if (Math.abs(sum - 1) > FieldChecks.PROB_SUM_TOLERANCE) {
            return new Object[] {null, "target: action_probs sum to " + sum + ", not 1"};
        }
        return new Object[] {out, null};
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object v) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        return new ArrayList<>(CollectionConverters.asJava((scala.collection.Seq<Object>) v));
    }
}
