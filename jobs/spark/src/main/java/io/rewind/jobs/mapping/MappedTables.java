package io.rewind.jobs.mapping;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_contains_key;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.rewind.formats.Field;
import io.rewind.formats.FieldType;
import io.rewind.formats.TableSchema;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.propensity.EstimatedPropensities;
import io.rewind.jobs.propensity.PropensityEstimation;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;

/**
 * Reads a user's own table through a {@link Mapping} into Rewind's decisions or rewards, checked as Rewind's own
 * files are: every mapped field is converted on the executors, and a value that does not convert sends its row to
 * quarantine with the field, the column, the value and the mapping line.
 */
public final class MappedTables {
    /** More distinct values than this in a column left to find its own categories is almost surely not a category. */
    static final int MAX_FOUND_CATEGORIES = 1000;
    private static final String ITEMS = "__catalogue_items";
    private static final String FEATURES_BY_ID = "__catalogue_features";

    private MappedTables() {
    }

    /**
     * The mapping checked against its sources' columns and types (no row is read for that), with the category list
     * of every categorical column that gave none found in the data (a pass over those columns only).
     */
    public static Mapping prepare(SparkSession spark, Mapping m) {
        TableMapping s = m.spec();
        Catalogue catalogue = s.catalogue();
        if (catalogue != null) {
            Dataset<Row> items = load(spark, m, "/catalogue/source", catalogue.source());
            requireColumn(m, "/catalogue/key", items, catalogue.key(), catalogue.source());
            catalogue = catalogue.with(catalogue.source(), withCategories(spark, m, "/catalogue/features", items,
                    catalogue.features(), catalogue.source()));
        }
        TableMapping found = s.with(catalogue);
        for (MappedTableKind t : m.tables()) {
            Dataset<Row> df = load(spark, m, sourcePointer(m, t), s.source(t));
            Map<String, FieldSource> fields = new LinkedHashMap<>();
            for (Map.Entry<String, FieldSource> e : s.fields(t).entrySet()) {
                FieldSource f = e.getValue();
                String pointer = "/" + t.key() + "/" + e.getKey();
                fields.put(e.getKey(), f == null || f.vector() == null ? f : f.withVector(withCategories(spark, m,
                        pointer + "/vector", df, f.vector(), s.source(t))));
            }
            found = found.with(t, fields);
        }
        Mapping prepared = m.with(found);
        if (catalogue != null) {
            checkCatalogue(spark, prepared);
        }
        for (MappedTableKind t : m.tables()) {
            conform(spark, prepared, t).schema(); // analysis only: every column, type and expression resolves
        }
        return prepared;
    }

    /**
     * One table of a {@link #prepare prepared} mapping, read and checked with {@code rules}; for decisions with
     * {@code --propensities estimate}, {@link #readDecisions} also says how the estimate went.
     */
    public static ReadResult read(SparkSession spark, Mapping prepared, MappedTableKind table,
                                  TableReader.Rules rules) {
        return table == MappedTableKind.DECISIONS ? readDecisions(spark, prepared, rules).read()
                : TableReader.readConformed(table.schema(), conform(spark, prepared, table), rules);
    }

    /** Decisions as read, and with {@code --propensities estimate} how their propensities were estimated. */
    public record Decisions(ReadResult read, EstimatedPropensities.Filled estimated, PropensityEstimation how) {
        /** Adds the estimate's figures, if there was one, to a job's summary. */
        public JobSummary addTo(JobSummary summary) {
            return estimated == null ? summary : summary.put("propensities", "estimated")
                    .put("propensities_estimated", estimated.estimated())
                    .put("propensity_calibration_error", estimated.calibration().error());
        }

        /** Fails when the estimated propensities' calibration error is past the limit. */
        public void requireCalibrated() {
            if (estimated != null && estimated.calibration().error() > how.maxCalibrationError()) {
                throw new IllegalArgumentException("--propensities estimate: the fitted logging policy is not"
                        + " calibrated on this log (" + estimated.calibration().describe() + "), over"
                        + " --max-calibration-error " + how.maxCalibrationError() + "; the context may not hold what"
                        + " the logger decided on");
            }
        }
    }

    /** A mapped log's decisions and rewards, read and checked: what a join of the log joins. */
    public record Log(Mapping prepared, Decisions decisions, ReadResult rewards) {
        public void release() {
            decisions.read().unpersist();
            rewards.unpersist();
        }
    }

    /**
     * The decisions and rewards of {@code mapping} (prepared here), the decisions' propensities estimated and their
     * calibration checked when it says so.
     */
    public static Log readLog(SparkSession spark, Mapping mapping, TableReader.Rules rules) {
        if (!mapping.tables().contains(MappedTableKind.DECISIONS)) {
            throw new IllegalArgumentException("--mapping: " + mapping.file() + " maps no decisions and rewards");
        }
        Mapping prepared = prepare(spark, mapping);
        Decisions decisions = readDecisions(spark, prepared, rules);
        decisions.requireCalibrated();
        return new Log(prepared, decisions, read(spark, prepared, MappedTableKind.REWARDS, rules));
    }

    public static Decisions readDecisions(SparkSession spark, Mapping prepared, TableReader.Rules rules) {
        Dataset<Row> conformed = conform(spark, prepared, MappedTableKind.DECISIONS);
        if (prepared.estimatedPropensities() == null) {
            return new Decisions(TableReader.readConformed(MappedTableKind.DECISIONS.schema(), conformed, rules),
                    null, null);
        }
        EstimatedPropensities.Filled filled = EstimatedPropensities.fill(conformed, prepared.estimatedPropensities());
        return new Decisions(TableReader.readConformed(MappedTableKind.DECISIONS.schema(), filled.rows(), rules),
                filled, prepared.estimatedPropensities());
    }

    /**
     * A table's rows in its shape: its columns in their Spark types, {@code source_file}, {@code source_line} (both
     * null for a table by name), {@code raw} (the source row as JSON) and {@code reason} (what did not convert).
     */
    static Dataset<Row> conform(SparkSession spark, Mapping m, MappedTableKind table) {
        TableMapping s = m.spec();
        Source source = s.source(table);
        Dataset<Row> df = load(spark, m, sourcePointer(m, table), source);
        Column raw = to_json(struct(java.util.Arrays.stream(df.columns()).map(c -> col(quoted(c)))
                .toArray(Column[]::new)));
        Column file = TableReader.sourceFile(df);
        Column row = TableReader.sourceLine(df);
        df = df.withColumn("__raw", raw).withColumn("__source_file", file).withColumn("__source_line", row);
        Map<String, FieldSource> fields = s.fields(table);
        requireFields(m, table, fields);
        if (fields.values().stream().anyMatch(f -> f.kind() == FieldSource.Kind.CATALOGUE
                || f.kind() == FieldSource.Kind.CATALOGUE_IDS)) {
            df = df.crossJoin(broadcast(catalogueRow(spark, m)));
        }
        boolean slates = s.slates() != null && table != MappedTableKind.EPISODES;
        Map<String, Mapped> mapped = new LinkedHashMap<>();
        for (Field f : table.schema().fields()) {
            FieldSource fs = fields.get(f.name());
            Field each = slates && SlateRows.PER_SLOT.contains(f.name()) ? SlateRows.element(f) : f;
            if (fs == null) {
                mapped.put(f.name(), new Mapped(lit(null).cast(SparkSchemas.type(each.type())),
                        lit(null).cast("string")));
            } else if (!EpisodeOrder.isWindowed(fs)) {
                mapped.put(f.name(), field(spark, m, "/" + table.key() + "/" + f.name(), each, fs, df, source));
            }
        }
        EpisodeOrder.addWindowed(m, table, fields, mapped, df, source);
        if (slates) {
            return analysed(m, table, source, SlateGroups.group(m, table, fields, mapped, df, source));
        }
        List<Column> out = new ArrayList<>();
        List<Column> problems = new ArrayList<>();
        for (Field f : table.schema().fields()) {
            out.add(mapped.get(f.name()).value().as(f.name()));
            problems.add(mapped.get(f.name()).problem());
        }
        out.add(col("__source_file").as("source_file"));
        out.add(col("__source_line").as("source_line"));
        out.add(col("__raw").as("raw"));
        out.add((problems.isEmpty() ? lit(null).cast("string") : coalesce(problems.toArray(new Column[0])))
                .as("reason"));
        return analysed(m, table, source, df.select(out.toArray(new Column[0])));
    }

    /** {@code conformed}, once Spark's analysis of it passed (no row is read). */
    private static Dataset<Row> analysed(Mapping m, MappedTableKind table, Source source, Dataset<Row> conformed) {
        try {
            conformed.schema();
            return conformed;
        } catch (Exception e) {
            throw new MappingException(m.file() + ": " + table.key() + " cannot be built from "
                    + source.describe() + ": " + firstLine(e));
        }
    }

    /** A field's value and the reason its row is bad (null where it is not). */
    record Mapped(Column value, Column problem) {
    }

    static Mapped field(SparkSession spark, Mapping m, String pointer, Field f, FieldSource fs,
                                Dataset<Row> df, Source source) {
        List<FieldSource.Kind> kinds = fs.kinds();
        if (kinds.size() != 1) {
            throw m.error(pointer, kinds.isEmpty() ? "says no source: give one of column, constant, expr, vector,"
                    + " catalogue or catalogue_ids" : "is mapped " + kinds.size() + " ways (" + kinds + "): give one");
        }
        DataType type = SparkSchemas.type(f.type());
        String where = m.where(pointer);
        Mapped mapped = switch (fs.kind()) {
            case COLUMN -> {
                requireColumn(m, pointer + "/column", df, fs.column(), source);
                Column c = col(quoted(fs.column()));
                if (f.type() == FieldType.CANDIDATES) {
                    yield candidates(m, pointer, f, ids(m, pointer, df, fs.column(), fs.separator(), source),
                            null, where);
                }
                if (fs.categories() != null) {
                    yield categoryIndex(m, pointer, f, fs, c, where);
                }
                if (f.name().equals(EpisodeOrder.EPISODE_ID) && df.schema().apply(fs.column()).dataType()
                        instanceof StringType) {
                    yield new Mapped(xxhash64(c), when(c.isNull(), lit(f.name() + ": column " + fs.column()
                            + " is empty" + where)));
                }
                // a column already of the field's type (but for nullability, which casts refuse to narrow) as it is
                boolean same = DataType.equalsStructurally(df.schema().apply(fs.column()).dataType(), type, true);
                Column v = f.type() == FieldType.TIMESTAMP ? timestamp(m, pointer, fs, c)
                        : same ? c : c.try_cast(type);
                String what = f.type() == FieldType.TIMESTAMP && fs.pattern() != null
                        ? "a time in pattern " + fs.pattern() : "a " + type.simpleString();
                yield new Mapped(v, when(c.isNotNull().and(v.isNull()), concat(lit(f.name() + ": '"),
                        c.cast("string"), lit("' in column " + fs.column() + " is not " + what + where))));
            }
            case CONSTANT -> {
                Object value = fs.constant().isNumber() ? fs.constant().numberValue()
                        : fs.constant().isBoolean() ? fs.constant().booleanValue() : fs.constant().asText();
                Column v = lit(value).try_cast(type);
                if (spark.range(1).select(v).first().isNullAt(0)) {
                    throw m.error(pointer + "/constant", "'" + value + "' is not a " + type.simpleString());
                }
                yield new Mapped(v, lit(null).cast("string"));
            }
            case EXPR -> {
                Column e = expr(fs.expr());
                Column v = f.type() == FieldType.TIMESTAMP ? timestamp(m, pointer, fs, e) : e.try_cast(type);
                try {
                    df.select(v).schema();
                } catch (Exception ex) {
                    throw m.error(pointer + "/expr", "cannot be read as a " + type.simpleString() + ": "
                            + firstLine(ex));
                }
                yield new Mapped(v, when(e.isNotNull().and(v.isNull()), concat(lit(f.name() + ": '"),
                        e.cast("string"), lit("' from expr is not a " + type.simpleString() + where))));
            }
            case VECTOR -> {
                if (f.type() != FieldType.DOUBLE_ARRAY) {
                    throw m.error(pointer + "/vector", f.name() + " is a " + f.type() + ", not a vector of numbers");
                }
                yield vector(m, pointer + "/vector", f.name(), fs.vector(), df, source);
            }
            case CATALOGUE -> {
                if (!FieldSource.EVERY_ITEM.equals(fs.catalogue())) {
                    throw m.error(pointer + "/catalogue", "catalogue: " + FieldSource.EVERY_ITEM + " takes every"
                            + " item; for the items a column lists, write catalogue_ids: COLUMN");
                }
                requireCandidates(m, pointer, f);
                yield new Mapped(col(ITEMS), lit(null).cast("string"));
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
    private static Mapped categoryIndex(Mapping m, String pointer, Field f, FieldSource fs, Column c, String where) {
        if (fs.categories().isEmpty()) {
            throw m.error(pointer + "/categories", "an empty category list");
        }
        Column names = array(fs.categories().stream().map(functions::lit).toArray(Column[]::new));
        Column index = array_position(names, c.cast("string")).cast("int").minus(1);
        return new Mapped(when(index.geq(0), index), when(c.isNull(), lit(f.name() + ": column " + fs.column()
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
        requireColumn(m, pointer, df, column, source);
        DataType t = df.schema().apply(column).dataType();
        Column c = col(quoted(column));
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
    private static Mapped candidates(Mapping m, String pointer, Field f, Column ids, String fromCatalogue,
                                     String where) {
        if (fromCatalogue == null) {
            Column plain = transform(ids, id -> struct(id.as("id"),
                    lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType)).as("features")));
            return new Mapped(plain, lit(null).cast("string"));
        }
        Column value = transform(ids, id -> struct(id.as("id"),
                try_element_at(col(FEATURES_BY_ID), id).as("features")));
        Column unknown = filter(ids, id -> map_contains_key(col(FEATURES_BY_ID), id).equalTo(false));
        Column problem = when(size(unknown).gt(0), concat(lit(f.name() + ": item '"), element_at(unknown, 1),
                lit("' in column " + fromCatalogue + " is not in the catalogue" + where)));
        return new Mapped(value, problem);
    }

    /** Each catalogue item as {@code item} (id and features) and what is wrong with it ({@code problem}). */
    private static Dataset<Row> catalogueItems(SparkSession spark, Mapping m) {
        Catalogue c = m.spec().catalogue();
        Dataset<Row> items = load(spark, m, "/catalogue/source", c.source());
        Mapped features = c.features().isEmpty()
                ? new Mapped(lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType)), lit(null).cast("string"))
                : vector(m, "/catalogue/features", "features", c.features(), items, c.source());
        return items.select(struct(col(quoted(c.key())).cast("string").as("id"), features.value().as("features"))
                .as("item"), features.problem().as("problem"));
    }

    /** A catalogue every item of which has an id, its own id and features: one pass over the (small) table. */
    private static void checkCatalogue(SparkSession spark, Mapping m) {
        Catalogue c = m.spec().catalogue();
        Row r = catalogueItems(spark, m).agg(count(lit(1)), count_distinct(col("item.id")),
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
    private static Dataset<Row> catalogueRow(SparkSession spark, Mapping m) {
        Dataset<Row> items = catalogueItems(spark, m);
        return items.agg(sort_array(collect_list(col("item"))).as(ITEMS),
                map_from_entries(collect_list(col("item"))).as(FEATURES_BY_ID));
    }

    /** Numbers as they are and categories one-hot, gathered in the order given. */
    private static Mapped vector(Mapping m, String pointer, String field, List<VectorPart> parts, Dataset<Row> df,
                                 Source source) {
        if (parts.isEmpty()) {
            throw m.error(pointer, "an empty vector: list the columns to gather");
        }
        String where = m.where(pointer);
        List<Column> pieces = new ArrayList<>();
        List<Column> problems = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            VectorPart p = parts.get(i);
            requireColumn(m, pointer + "/" + i + "/column", df, p.column(), source);
            Column c = col(quoted(p.column()));
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
        return new Mapped(concat(pieces.toArray(new Column[0])), coalesce(problems.toArray(new Column[0])));
    }

    private static List<VectorPart> withCategories(SparkSession spark, Mapping m, String pointer, Dataset<Row> df,
                                                   List<VectorPart> parts, Source source) {
        List<VectorPart> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            VectorPart p = parts.get(i);
            requireColumn(m, pointer + "/" + i + "/column", df, p.column(), source);
            if (p.categories() != null && p.categories().isEmpty()) {
                throw m.error(pointer + "/" + i + "/categories", "an empty category list");
            }
            if (!p.isCategorical() || p.categories() != null) {
                out.add(p);
                continue;
            }
            List<String> found = new ArrayList<>();
            for (Row r : df.select(col(quoted(p.column())).cast("string")).distinct()
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

    private static void requireFields(Mapping m, MappedTableKind table, Map<String, FieldSource> fields) {
        TableSchema schema = table.schema();
        for (String name : fields.keySet()) {
            if (!schema.has(name)) {
                throw m.error("/" + table.key() + "/" + name, table.key() + " has no field " + name + "; its fields"
                        + " are " + String.join(", ", schema.fields().stream().map(Field::name).toList()));
            }
        }
        for (Field f : schema.fields()) {
            boolean estimated = table == MappedTableKind.DECISIONS && m.estimatedPropensities() != null
                    && f.name().equals("action_prob");
            if (f.required() && fields.get(f.name()) == null && !estimated
                    && !(m.spec().slates() != null && SlateRows.derived(f.name(), fields))) {
                throw m.error("/" + table.key(), f.name() + " is required in " + table.key() + " and not mapped ("
                        + f.description() + ")");
            }
        }
    }

    static void requireColumn(Mapping m, String pointer, Dataset<Row> df, String column, Source source) {
        if (column == null) {
            throw m.error(pointer, "no column given");
        }
        if (!List.of(df.columns()).contains(column)) {
            throw m.error(pointer, "no column " + column + " in " + source.describe() + "; its columns are "
                    + String.join(", ", df.columns()));
        }
    }

    static Dataset<Row> load(SparkSession spark, Mapping m, String pointer, Source s) {
        if (s == null) {
            throw m.error(pointer, "no source given");
        }
        try {
            if (s.table() != null) {
                return spark.read().options(s.options()).table(s.table());
            }
            if (s.format() == null) {
                throw m.error(pointer, "give format (csv, json, parquet, delta, orc, jdbc, ...) and path, or table");
            }
            String format = s.format().equals("jsonl") ? "json" : s.format();
            DataFrameReader r = spark.read().format(format);
            if (format.equals("csv")) {
                r = r.option("header", "true");
            }
            r = r.options(s.options());
            return s.allPaths().isEmpty() ? r.load() : r.load(s.allPaths().toArray(new String[0]));
        } catch (MappingException e) {
            throw e;
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes, though Scala never declares it
            throw m.error(pointer, "cannot read " + s.describe() + ": " + firstLine(e));
        }
    }

    private static String sourcePointer(Mapping m, MappedTableKind t) {
        return t == MappedTableKind.REWARDS && m.spec().rewardsSource() != null ? "/rewards_source" : "/source";
    }

    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static String firstLine(Throwable e) {
        String s = String.valueOf(e.getMessage());
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
