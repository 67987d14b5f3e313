package io.rewind.jobs.mapping;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Groups per-slot rows into slate decisions (or their rewards) as {@link SlateRows} says; see there. */
final class SlateGroups {
    private SlateGroups() {
    }

    /**
     * {@code mapped}'s values per row (per-slot fields as one element each) grouped into one row per slate, in the
     * conformed shape {@link MappedTables#conform} returns. A bad row makes its slate bad, with its reason; a
     * position given twice in a slate makes it bad too.
     */
    static Dataset<Row> group(Mapping m, MappedTableKind table, Map<String, FieldSource> fields,
                              Map<String, MappedColumn> mapped, Dataset<Row> df, Source source) {
        SlateRows slates = m.spec().slates();
        SourceTables.requireColumn(m, "/slates/key", df, slates.key(), source);
        SourceTables.requireColumn(m, "/slates/position", df, slates.position(), source);
        String where = m.where("/slates");
        Column key = col(SourceTables.quoted(slates.key()));
        Column position = col(SourceTables.quoted(slates.position()));
        Column order = position.try_cast(DataTypes.DoubleType);
        List<Column> perRow = new ArrayList<>(List.of(key.as("__key"), order.as("__pos")));
        List<Column> problems = new ArrayList<>(List.of(
                when(key.isNull(), lit("slates: column " + slates.key() + " is empty" + where)),
                when(order.isNull(), lit("slates: position column " + slates.position() + " is empty or not a"
                        + " number" + where))));
        for (Field f : table.schema().fields()) {
            perRow.add(mapped.get(f.name()).value().as(f.name()));
            problems.add(mapped.get(f.name()).problem());
        }
        perRow.add(coalesce(problems.toArray(new Column[0])).as("__problem"));
        perRow.addAll(List.of(col("__source_file"), col("__source_line"), col("__raw")));
        List<Column> aggregates = new ArrayList<>();
        for (Field f : table.schema().fields()) {
            Column slots = sort_array(collect_list(struct(col("__pos"), col(f.name()))));
            aggregates.add((SlateRows.PER_SLOT.contains(f.name())
                    ? transform(slots, s -> s.getField(f.name())) : min_by(col(f.name()), col("__pos"))).as(f.name()));
        }
        aggregates.add(first(col("__problem"), true).as("__problem"));
        aggregates.add(count(lit(1)).as("__rows"));
        aggregates.add(count_distinct(col("__pos")).as("__positions"));
        aggregates.add(min_by(col("__source_file"), col("__pos")).as("source_file"));
        aggregates.add(min_by(col("__source_line"), col("__pos")).as("source_line"));
        aggregates.add(to_json(collect_list(col("__raw"))).as("raw"));
        Dataset<Row> grouped = df.select(perRow.toArray(new Column[0])).groupBy(col("__key"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
        List<Column> out = new ArrayList<>();
        for (Field f : table.schema().fields()) {
            Column value = col(f.name());
            if (SlateRows.derived(f.name(), fields)) {
                Column from = col(SlateRows.derivedFrom(f.name()));
                value = f.name().equals("reward") ? aggregate(from, lit(0.0), (acc, x) -> acc.plus(x))
                        : element_at(from, 1);
            }
            out.add(value.as(f.name()));
        }
        out.addAll(List.of(col("source_file"), col("source_line"), col("raw")));
        out.add(coalesce(col("__problem"), when(col("__positions").lt(col("__rows")), concat(lit("slates: a"
                + " position is given twice among the slate's "), col("__rows").cast("string"), lit(" rows" + where))))
                .as("reason"));
        return grouped.select(out.toArray(new Column[0]));
    }
}
