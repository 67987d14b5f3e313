package io.rewind.jobs.mapping;

import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A mapping's source read as a Spark table, and its columns checked and quoted. */
final class SourceTables {
    private SourceTables() {
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

    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    static String firstLine(Throwable e) {
        String s = String.valueOf(e.getMessage());
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
