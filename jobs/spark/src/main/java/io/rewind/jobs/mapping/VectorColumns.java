package io.rewind.jobs.mapping;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/** A vector field gathered from several columns: numbers as they are, categories one-hot. */
final class VectorColumns {
    /** More distinct values than this in a column left to find its own categories is almost surely not a category. */
    static final int MAX_FOUND_CATEGORIES = 1000;

    private VectorColumns() {
    }

    /** Numbers as they are and categories one-hot, gathered in the order given. */
    static MappedColumn vector(Mapping m, String pointer, String field, List<VectorPart> parts, Dataset<Row> df,
                               Source source) {
        if (parts.isEmpty()) {
            throw m.error(pointer, "an empty vector: list the columns to gather");
        }
        String where = m.where(pointer);
        List<Column> pieces = new ArrayList<>();
        List<Column> problems = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            VectorPart p = parts.get(i);
            SourceTables.requireColumn(m, pointer + "/" + i + "/column", df, p.column(), source);
            Column c = col(SourceTables.quoted(p.column()));
            Column text = c.cast("string");
            Column empty = lit(field + ": column " + p.column() + " is empty" + where);
            if (p.isCategorical()) {
                List<Column> hot = new ArrayList<>();
                for (String category : p.categories()) {
                    hot.add(when(text.equalTo(category), 1.0).otherwise(0.0));
                }
                pieces.add(array(hot.toArray(new Column[0])));
                problems.add(when(c.isNull(), empty).when(text.isin(p.categories().toArray()).equalTo(false),
                        concat(lit(field + ": '"), text, lit("' in column " + p.column() + " is not one of its "
                                + p.categories().size() + " categories" + where))));
            } else {
                Column number = c.try_cast(DataTypes.DoubleType);
                pieces.add(array(number));
                problems.add(when(c.isNull(), empty).when(number.isNull(), concat(lit(field + ": '"), text,
                        lit("' in column " + p.column() + " is not a number" + where))));
            }
        }
        return new MappedColumn(concat(pieces.toArray(new Column[0])), coalesce(problems.toArray(new Column[0])));
    }

    static List<VectorPart> withCategories(SparkSession spark, Mapping m, String pointer, Dataset<Row> df,
                                           List<VectorPart> parts, Source source) {
        List<VectorPart> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            VectorPart p = parts.get(i);
            SourceTables.requireColumn(m, pointer + "/" + i + "/column", df, p.column(), source);
            if (p.categories() != null && p.categories().isEmpty()) {
                throw m.error(pointer + "/" + i + "/categories", "an empty category list");
            }
            if (!p.isCategorical() || p.categories() != null) {
                out.add(p);
                continue;
            }
            List<String> found = new ArrayList<>();
            for (Row r : df.select(col(SourceTables.quoted(p.column())).cast("string")).distinct()
                    .limit(MAX_FOUND_CATEGORIES + 1).collectAsList()) {
                if (!r.isNullAt(0)) {
                    found.add(r.getString(0));
                }
            }
            if (found.size() > MAX_FOUND_CATEGORIES) {
                throw m.error(pointer + "/" + i, "column " + p.column() + " has more than " + MAX_FOUND_CATEGORIES
                        + " distinct values: list the categories to one-hot, or gather it as a number");
            }
            if (found.isEmpty()) {
                throw m.error(pointer + "/" + i, "column " + p.column() + " holds no values to take categories from");
            }
            found.sort(null);
            out.add(p.withCategories(found));
        }
        return out;
    }
}
