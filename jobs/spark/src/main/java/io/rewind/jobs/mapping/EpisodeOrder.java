package io.rewind.jobs.mapping;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Episodes from the rows of a log: a row's step is its place within its episode in {@code order_by} order (text
 * times read with the field's pattern and zone; ties broken by file, row and content, so every run numbers alike),
 * and {@code done} is true on each episode's last row.
 */
final class EpisodeOrder {
    static final String EPISODE_ID = "episode_id";
    static final String WHERE_WINDOWED = "order_by numbers an episode's rows (episodes.step) and last_step: true"
            + " marks its last one (episodes.done); nothing else";

    private EpisodeOrder() {
    }

    static boolean isWindowed(FieldSource fs) {
        List<FieldSource.Kind> kinds = fs.kinds();
        return kinds.size() == 1 && (kinds.get(0) == FieldSource.Kind.ORDER_BY
                || kinds.get(0) == FieldSource.Kind.LAST_STEP);
    }

    /** Puts {@code step} and {@code done} into {@code mapped} where the mapping derives them from the rows' order. */
    static void addWindowed(Mapping m, MappedTableKind table, Map<String, FieldSource> fields,
                            Map<String, MappedColumn> mapped, Dataset<Row> df, Source source) {
        FieldSource step = fields.get("step");
        FieldSource done = fields.get("done");
        for (Map.Entry<String, FieldSource> e : fields.entrySet()) {
            if (e.getValue() != null && isWindowed(e.getValue()) && !(table == MappedTableKind.EPISODES
                    && e.getKey().equals(e.getValue().kind() == FieldSource.Kind.ORDER_BY ? "step" : "done"))) {
                throw m.error("/" + table.key() + "/" + e.getKey(), WHERE_WINDOWED);
            }
        }
        Column episode = mapped.containsKey(EPISODE_ID) ? mapped.get(EPISODE_ID).value() : null;
        boolean ordered = step != null && isWindowed(step);
        Column[] order = null;
        if (ordered) {
            String pointer = "/episodes/step";
            SourceTables.requireColumn(m, pointer + "/order_by", df, step.orderBy(), source);
            Column by = col(SourceTables.quoted(step.orderBy()));
            Column time = step.pattern() != null || step.zone() != null ? FieldColumns.timestamp(m, pointer, step, by)
                    : by;
            order = new Column[] {time, col("__source_file"), col("__source_line"), col("__raw")};
            WindowSpec asc = Window.partitionBy(episode).orderBy(order);
            String where = m.where(pointer);
            mapped.put("step", new MappedColumn(row_number().over(asc).minus(1).cast("int"),
                    when(time.isNull(), lit("step: column " + step.orderBy() + " is empty or not a time in the"
                            + " given pattern" + where))));
        }
        if (done != null && isWindowed(done)) {
            Column last;
            if (ordered) {
                Column[] descending = java.util.Arrays.stream(order).map(Column::desc).toArray(Column[]::new);
                last = row_number().over(Window.partitionBy(episode).orderBy(descending)).equalTo(1);
            } else {
                Column s = mapped.get("step").value();
                last = s.equalTo(max(s).over(Window.partitionBy(episode)));
            }
            mapped.put("done", new MappedColumn(last, lit(null).cast("string")));
        }
    }
}
