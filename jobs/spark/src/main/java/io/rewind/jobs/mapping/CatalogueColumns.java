package io.rewind.jobs.mapping;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/** A mapping's catalogue (an item table) as Spark columns: checked once, then joined to the rows that need it. */
final class CatalogueColumns {
    /** The columns that {@link #row} adds to every row of a table whose candidates come from the catalogue. */
    static final String ITEMS = "__catalogue_items";
    static final String FEATURES_BY_ID = "__catalogue_features";

    private CatalogueColumns() {
    }

    /** Each catalogue item as {@code item} (id and features) and what is wrong with it ({@code problem}). */
    private static Dataset<Row> items(SparkSession spark, Mapping m) {
        Catalogue c = m.spec().catalogue();
        Dataset<Row> items = SourceTables.load(spark, m, "/catalogue/source", c.source());
        MappedColumn features = c.features().isEmpty()
                ? new MappedColumn(lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType)),
                        lit(null).cast("string"))
                : VectorColumns.vector(m, "/catalogue/features", "features", c.features(), items, c.source());
        Column id = col(SourceTables.quoted(c.key())).cast("string");
        return items.select(struct(id.as("id"), features.value().as("features")).as("item"),
                features.problem().as("problem"));
    }

    /** A catalogue every item of which has an id, its own id and features: one pass over the (small) table. */
    static void check(SparkSession spark, Mapping m) {
        Catalogue c = m.spec().catalogue();
        Row r = items(spark, m).agg(count(lit(1)), count_distinct(col("item.id")),
                min(when(col("item.id").isNull(), lit("an item has no " + c.key()))
                        .when(col("problem").isNotNull(), concat(lit("item "), col("item.id"), lit(": "),
                                col("problem"))))).first();
        if (!r.isNullAt(2)) {
            throw m.error("/catalogue", r.getString(2));
        }
        if (r.getLong(0) != r.getLong(1)) {
            throw m.error("/catalogue/key", c.key() + " is not unique: " + r.getLong(0) + " items, " + r.getLong(1)
                    + " ids");
        }
    }

    /** One row: every catalogue item as a candidate (sorted by id), and each item's features by id. */
    static Dataset<Row> row(SparkSession spark, Mapping m) {
        Dataset<Row> items = items(spark, m);
        return items.agg(sort_array(collect_list(col("item"))).as(ITEMS),
                map_from_entries(collect_list(col("item"))).as(FEATURES_BY_ID));
    }
}
