package io.rewind.jobs.mapping;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.rewind.formats.Field;
import io.rewind.formats.TableSchema;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.propensity.EstimatedPropensities;
import io.rewind.jobs.propensity.PropensityEstimation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a user's own table through a {@link Mapping} into Rewind's decisions or rewards, checked as Rewind's own
 * files are: every mapped field is converted on the executors, and a value that does not convert sends its row to
 * quarantine with the field, the column, the value and the mapping line.
 */
public final class MappedTables {

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
            Dataset<Row> items = SourceTables.load(spark, m, "/catalogue/source", catalogue.source());
            SourceTables.requireColumn(m, "/catalogue/key", items, catalogue.key(), catalogue.source());
            catalogue = catalogue.with(catalogue.source(), VectorColumns.withCategories(spark, m,
                    "/catalogue/features", items, catalogue.features(), catalogue.source()));
        }
        TableMapping found = s.with(catalogue);
        for (MappedTableKind t : m.tables()) {
            Dataset<Row> df = SourceTables.load(spark, m, sourcePointer(m, t), s.source(t));
            Map<String, FieldSource> fields = new LinkedHashMap<>();
            for (Map.Entry<String, FieldSource> e : s.fields(t).entrySet()) {
                FieldSource f = e.getValue();
                String pointer = "/" + t.key() + "/" + e.getKey();
                fields.put(e.getKey(), f == null || f.vector() == null ? f : f.withVector(
                        VectorColumns.withCategories(spark, m, pointer + "/vector", df, f.vector(), s.source(t))));
            }
            found = found.with(t, fields);
        }
        Mapping prepared = m.with(found);
        if (catalogue != null) {
            CatalogueColumns.check(spark, prepared);
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
                    .put("propensity_loggers_fitted", estimated.loggers())
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
        Dataset<Row> df = SourceTables.load(spark, m, sourcePointer(m, table), source);
        Column raw = to_json(struct(java.util.Arrays.stream(df.columns()).map(c -> col(SourceTables.quoted(c)))
                .toArray(Column[]::new)));
        Column file = TableReader.sourceFile(df);
        Column row = TableReader.sourceLine(df);
        df = df.withColumn("__raw", raw).withColumn("__source_file", file).withColumn("__source_line", row);
        Map<String, FieldSource> fields = s.fields(table);
        requireFields(m, table, fields);
        if (fields.values().stream().anyMatch(f -> f.kind() == FieldSource.Kind.CATALOGUE
                || f.kind() == FieldSource.Kind.CATALOGUE_IDS)) {
            df = df.crossJoin(broadcast(CatalogueColumns.row(spark, m)));
        }
        boolean slates = s.slates() != null && table != MappedTableKind.EPISODES;
        Map<String, MappedColumn> mapped = new LinkedHashMap<>();
        for (Field f : table.schema().fields()) {
            FieldSource fs = fields.get(f.name());
            Field each = slates && SlateRows.PER_SLOT.contains(f.name()) ? SlateRows.element(f) : f;
            if (fs == null) {
                mapped.put(f.name(), new MappedColumn(lit(null).cast(SparkSchemas.type(each.type())),
                        lit(null).cast("string")));
            } else if (!EpisodeOrder.isWindowed(fs)) {
                mapped.put(f.name(), FieldColumns.field(spark, m, "/" + table.key() + "/" + f.name(), each, fs, df,
                        source));
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
                    + source.describe() + ": " + SourceTables.firstLine(e));
        }
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

    private static String sourcePointer(Mapping m, MappedTableKind t) {
        return t == MappedTableKind.REWARDS && m.spec().rewardsSource() != null ? "/rewards_source" : "/source";
    }
}
