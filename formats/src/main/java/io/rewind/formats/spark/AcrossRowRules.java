package io.rewind.formats.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** A table's rules across rows, which a row cannot be judged by alone: one length per vector field, each step once. */
final class AcrossRowRules {
    private AcrossRowRules() {
    }

    /**
     * An episode has each step once: later copies of a step (in file and line order) are bad, so none vanishes
     * uncounted when the transitions are built.
     */
    static Dataset<Row> uniqueSteps(TableSchema schema, Dataset<Row> staged) {
        if (!schema.has("episode_id") || !schema.has("step")) {
            return staged;
        }
        Column copy = row_number().over(Window.partitionBy(col("episode_id"), col("step"))
                .orderBy(col("reason").isNotNull(), col("source_file"), col("source_line")));
        Column reason = concat(lit("step: episode "), col("episode_id").cast("string"), lit(" has step "),
                col("step").cast("string"), lit(" more than once; the first copy is kept"));
        return staged.withColumn("copy", when(col("reason").isNull(), copy))
                .withColumn("reason", when(col("reason").isNull().and(col("copy").gt(1)), reason)
                        .otherwise(col("reason")))
                .drop("copy");
    }

    /**
     * Vectors of one field must have one length across the table: rows off the most common length are bad. The
     * lengths of every vector field are counted in one job, over every row that has the field (whether or not the
     * row breaks another rule), so that job reads only the vector columns and checks nothing.
     */
    static Dataset<Row> vectorLengths(TableSchema schema, Dataset<Row> staged) {
        List<String> fields = vectorFields(schema);
        List<Column> tagged = new ArrayList<>();
        for (String field : fields) {
            int index = tagged.size();
            Column lengths = lengths(field);
            // each row's distinct lengths with how many vectors have them: one row per field where all agree
            tagged.add(transform(array_distinct(lengths), len -> struct(lit(index).as("field"), len.as("len"),
                    size(filter(lengths, x -> x.equalTo(len))).cast("long").as("n"))));
        }
        if (fields.isEmpty()) {
            return staged;
        }
        Column all = tagged.size() == 1 ? tagged.get(0) : concat(tagged.toArray(new Column[0]));
        int[] mode = new int[fields.size()];
        long[] modeCount = new long[fields.size()];
        for (Row r : staged.select(explode(all).as("l"))
                .groupBy(col("l.field"), col("l.len")).agg(sum(col("l.n"))).collectAsList()) {
            int f = r.getInt(0);
            int len = r.getInt(1);
            long n = r.getLong(2);
            if (n > modeCount[f] || (n == modeCount[f] && len < mode[f])) {
                mode[f] = len;
                modeCount[f] = n;
            }
        }
        Dataset<Row> out = staged;
        for (int f = 0; f < fields.size(); f++) {
            if (modeCount[f] == 0) {
                continue;
            }
            int expected = mode[f];
            Column lengths = lengths(fields.get(f));
            Column off = exists(lengths, x -> x.notEqual(expected));
            String label = fields.get(f).equals("actions") ? "actions.features" : fields.get(f);
            Column reason = concat(lit(label + ": has "), element_at(filter(lengths, x -> x.notEqual(expected)), 1)
                    .cast("string"), lit(" entries, the table's other rows have " + expected));
            out = out.withColumn("reason", when(col("reason").isNull().and(off), reason).otherwise(col("reason")));
        }
        return out;
    }

    /** The table's vector fields that must have one length across it. */
    static List<String> vectorFields(TableSchema schema) {
        List<String> fields = new ArrayList<>();
        for (String field : List.of("context", "actions", "state", "action_probs")) {
            if (schema.has(field) && !(field.equals("action_probs") && schema.has("actions"))) {
                fields.add(field); // a decision's action_probs follow its candidate set, which may change
            }
        }
        return fields;
    }

    /** A vector field's lengths in a row (each candidate's features for {@code actions}); none where it is null. */
    static Column lengths(String field) {
        return field.equals("actions")
                ? filter(transform(col("actions.features"), f -> size(f)), x -> x.geq(0))
                : filter(array(size(col(field))), x -> x.geq(0));
    }
}
