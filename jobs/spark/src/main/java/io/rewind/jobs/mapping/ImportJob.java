package io.rewind.jobs.mapping;

import io.rewind.formats.spark.HadoopFiles;
import io.rewind.formats.spark.OutputPaths;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code rewind import}: a user's own table read through a mapping and written as Rewind's decisions and rewards,
 * with every row that does not convert in quarantine and the mapping as applied (its categories found) beside them.
 * Each table is replaced only once complete, so a re-run writes the same output and a killed one leaves the last.
 */
public final class ImportJob {
    private ImportJob() {
    }

    public static JobSummary run(SparkSession spark, ImportConfig c) {
        for (MappedTableKind t : c.mapping().tables()) {
            OutputPaths.requireWritableTable(spark, c.table(t), c.format());
            OutputPaths.requireWritableTable(spark, c.quarantine(t), c.format());
        }
        Mapping prepared = MappedTables.prepare(spark, c.mapping());
        JobSummary summary = new JobSummary("import").put("mapping", c.mapping().file()).put("output", c.output());
        Map<MappedTableKind, ReadResult> read = new EnumMap<>(MappedTableKind.class);
        long total = 0;
        long bad = 0;
        for (MappedTableKind t : c.mapping().tables()) {
            ReadResult r;
            if (t == MappedTableKind.DECISIONS) {
                MappedTables.Decisions d = MappedTables.readDecisions(spark, prepared, TableReader.Rules.ALL);
                d.requireCalibrated();
                d.addTo(summary);
                r = d.read();
            } else {
                r = MappedTables.read(spark, prepared, t, TableReader.Rules.ALL);
            }
            read.put(t, r);
            summary.put(t.key(), r.total()).put(t.key() + "_quarantined", r.quarantinedCount());
            total += r.total();
            bad += r.quarantinedCount();
        }
        summary.put("quarantined", bad);
        for (MappedTableKind t : c.mapping().tables()) {
            TableWriter.writeQuarantine(read.get(t).quarantined(), t.schema(), c.format(), c.quarantine(t));
        }
        var conf = spark.sparkContext().hadoopConfiguration();
        try {
            BadFractionExceededException.check("import", bad, total, c.maxBadFraction(), c.output() + "/quarantine",
                    summary);
        } catch (BadFractionExceededException e) {
            summary.put("status", "FAILED").put("error", e.getMessage()).write(c.summary(), conf);
            throw e;
        }
        for (MappedTableKind t : c.mapping().tables()) {
            TableWriter.write(read.get(t).valid(), t.schema(), c.format(), c.table(t));
            read.get(t).unpersist();
        }
        HadoopFiles.writeString(conf, c.appliedMapping(), prepared.toYaml());
        summary.put("applied_mapping", c.appliedMapping()).put("status", "SUCCEEDED").write(c.summary(), conf);
        return summary;
    }
}
