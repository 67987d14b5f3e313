package io.rewind.jobs.mapping;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_contains_key;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.rewind.formats.Field;
import io.rewind.formats.FieldType;
import io.rewind.formats.spark.SparkSchemas;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;

/**
 * One field of Rewind's table from a mapped source: its value as a Spark column and the reason a row's value does not
 * convert, for each way a mapping can give a field (a column, a constant, an expression, a vector, the catalogue).
 */
final class FieldColumns {
    private FieldColumns() {
    }

    static MappedColumn field(SparkSession spark, Mapping m, String pointer, Field f, FieldSource fs,
                              Dataset<Row> df, Source source) {
        List<FieldSource.Kind> kinds = fs.kinds();
        if (kinds.size() != 1) {
            throw m.error(pointer, kinds.isEmpty() ? "says no source: give one of column, constant, expr, vector,"
                    + " catalogue or catalogue_ids" : "is mapped " + kinds.size() + " ways (" + kinds + "): give one");
        }
        DataType type = SparkSchemas.type(f.type());
        String where = m.where(pointer);
        MappedColumn mapped = switch (fs.kind()) {
            case COLUMN -> {
                SourceTables.requireColumn(m, pointer + "/column", df, fs.column(), source);
                Column c = col(SourceTables.quoted(fs.column()));
                if (f.type() == FieldType.CANDIDATES) {
                    yield candidates(m, pointer, f, ids(m, pointer, df, fs.column(), fs.separator(), source),
                            null, where);
                }
                if (fs.categories() != null) {
                    yield categoryIndex(m, pointer, f, fs, c, where);
                }
                if (f.name().equals(EpisodeOrder.EPISODE_ID) && df.schema().apply(fs.column()).dataType()
                        instanceof StringType) {
                    yield new MappedColumn(xxhash64(c), when(c.isNull(), lit(f.name() + ": column " + fs.column()
                            + " is empty" + where)));
                }
                // a column already of the field's type (but for nullability, which casts refuse to narrow) as it is
                boolean same = DataType.equalsStructurally(df.schema().apply(fs.column()).dataType(), type, true);
                Column v = f.type() == FieldType.TIMESTAMP ? timestamp(m, pointer, fs, c)
                        : same ? c : c.try_cast(type);
                String what = f.type() == FieldType.TIMESTAMP && fs.pattern() != null
                        ? "a time in pattern " + fs.pattern() : "a " + type.simpleString();
                yield new MappedColumn(v, when(c.isNotNull().and(v.isNull()), concat(lit(f.name() + ": '"),
                        c.cast("string"), lit("' in column " + fs.column() + " is not " + what + where))));
            }
            case CONSTANT -> {
                Object value = fs.constant().isNumber() ? fs.constant().numberValue()
                        : fs.constant().isBoolean() ? fs.constant().booleanValue() : fs.constant().asText();
                Column v = lit(value).try_cast(type);
                if (spark.range(1).select(v).first().isNullAt(0)) {
                    throw m.error(pointer + "/constant", "'" + value + "' is not a " + type.simpleString());
                }
                yield new MappedColumn(v, lit(null).cast("string"));
            }
            case EXPR -> {
                Column e = expr(fs.expr());
                Column v = f.type() == FieldType.TIMESTAMP ? timestamp(m, pointer, fs, e) : e.try_cast(type);
                try {
                    df.select(v).schema();
                } catch (Exception ex) {
                    throw m.error(pointer + "/expr", "cannot be read as a " + type.simpleString() + ": "
                            + SourceTables.firstLine(ex));
                }
                yield new MappedColumn(v, when(e.isNotNull().and(v.isNull()), concat(lit(f.name() + ": '"),
                        e.cast("string"), lit("' from expr is not a " + type.simpleString() + where))));
            }
            case VECTOR -> {
                if (f.type() != FieldType.DOUBLE_ARRAY) {
                    throw m.error(pointer + "/vector", f.name() + " is a " + f.type() + ", not a vector of numbers");
                }
                yield VectorColumns.vector(m, pointer + "/vector", f.name(), fs.vector(), df, source);
            }
            case CATALOGUE -> {
                if (!FieldSource.EVERY_ITEM.equals(fs.catalogue())) {
                    throw m.error(pointer + "/catalogue", "catalogue: " + FieldSource.EVERY_ITEM + " takes every"
                            + " item; for the items a column lists, write catalogue_ids: COLUMN");
                }
                requireCandidates(m, pointer, f);
                yield new MappedColumn(col(CatalogueColumns.ITEMS), lit(null).cast("string"));
            }
            case CATALOGUE_IDS -> {
                requireCandidates(m, pointer, f);
                yield candidates(m, pointer, f, ids(m, pointer, df, fs.catalogueIds(), fs.separator(), source),
                        fs.catalogueIds(), where);
            }
            case ORDER_BY, LAST_STEP -> throw m.error(pointer, EpisodeOrder.WHERE_WINDOWED);
        };
        if (fs.categories() != null && (fs.kind() != FieldSource.Kind.COLUMN || f.type() != FieldType.INT)) {
            throw m.error(pointer + "/categories", "categories on a field give a column's value's index in the"
                    + " list: for an integer field (an episode's action) read from a column");
        }
        if (fs.kind() != FieldSource.Kind.COLUMN && fs.kind() != FieldSource.Kind.EXPR
                && (fs.pattern() != null || fs.zone() != null)) {
            throw m.error(pointer, "pattern and zone apply to a column or an expr read as a timestamp");
        }
        return mapped;
    }

    private static void requireCandidates(Mapping m, String pointer, Field f) {
        if (f.type() != FieldType.CANDIDATES) {
            throw m.error(pointer, "only actions (the candidate set) can come from the catalogue");
        }
        if (m.spec().catalogue() == null) {
            throw m.error(pointer, "takes items from the catalogue, but the mapping has no catalogue section");
        }
    }

    /** A name's 0-based index in {@code categories} (an action given by name). */
    private static MappedColumn categoryIndex(Mapping m, String pointer, Field f, FieldSource fs, Column c,
                                              String where) {
        if (fs.categories().isEmpty()) {
            throw m.error(pointer + "/categories", "an empty category list");
        }
        Column names = array(fs.categories().stream().map(functions::lit).toArray(Column[]::new));
        Column index = array_position(names, c.cast("string")).cast("int").minus(1);
        return new MappedColumn(when(index.geq(0), index), when(c.isNull(), lit(f.name() + ": column " + fs.column()
                + " is empty" + where)).when(index.lt(0), concat(lit(f.name() + ": '"), c.cast("string"),
                lit("' in column " + fs.column() + " is not one of its " + fs.categories().size() + " categories"
                        + where))));
    }

    static Column timestamp(Mapping m, String pointer, FieldSource fs, Column c) {
        Column t;
        if (fs.pattern() != null) {
            try {
                DateTimeFormatter.ofPattern(fs.pattern());
            } catch (IllegalArgumentException e) {
                throw m.error(pointer + "/pattern", "not a time pattern: " + e.getMessage());
            }
            t = try_to_timestamp(c.cast("string"), lit(fs.pattern()));
        } else {
            t = c.try_cast(DataTypes.TimestampType);
        }
        if (fs.zone() == null) {
            return t;
        }
        try {
            ZoneId.of(fs.zone());
        } catch (RuntimeException e) {
            throw m.error(pointer + "/zone", "not a time zone (use a region such as Europe/Paris, or UTC): "
                    + fs.zone());
        }
        return to_utc_timestamp(t, fs.zone()); // the session's zone is UTC: the local time read as UTC, shifted
    }

    /** The ids a column lists: an array, or text split on {@code separator} (a comma by default). */
    private static Column ids(Mapping m, String pointer, Dataset<Row> df, String column, String separator,
                              Source source) {
        SourceTables.requireColumn(m, pointer, df, column, source);
        DataType t = df.schema().apply(column).dataType();
        Column c = col(SourceTables.quoted(column));
        if (t instanceof StringType) {
            return split(c, Pattern.quote(separator == null ? "," : separator));
        }
        if (t instanceof ArrayType) {
            return c.cast(DataTypes.createArrayType(DataTypes.StringType));
        }
        throw m.error(pointer, "column " + column + " is a " + t.simpleString() + "; candidate ids come from an"
                + " array or from text split on separator");
    }

    /** Candidates from ids: with the catalogue's features when {@code fromCatalogue} names the ids' column. */
    private static MappedColumn candidates(Mapping m, String pointer, Field f, Column ids, String fromCatalogue,
                                           String where) {
        if (fromCatalogue == null) {
            Column plain = transform(ids, id -> struct(id.as("id"),
                    lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType)).as("features")));
            return new MappedColumn(plain, lit(null).cast("string"));
        }
        Column value = transform(ids, id -> struct(id.as("id"),
                try_element_at(col(CatalogueColumns.FEATURES_BY_ID), id).as("features")));
        Column unknown = filter(ids, id -> map_contains_key(col(CatalogueColumns.FEATURES_BY_ID), id).equalTo(false));
        Column problem = when(size(unknown).gt(0), concat(lit(f.name() + ": item '"), element_at(unknown, 1),
                lit("' in column " + fromCatalogue + " is not in the catalogue" + where)));
        return new MappedColumn(value, problem);
    }
}
