package io.rewind.jobs.evaluate;

import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.join.MappedInteractions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The interactions an evaluation reads: a joined table, or a mapped log joined in memory. Either way the usable rows
 * and how many decisions could not be used, so the counts add up the same.
 */
final class Interactions {
    private final Dataset<Row> valid;
    private final long quarantined;
    private final Runnable release;

    private Interactions(Dataset<Row> valid, long quarantined, Runnable release) {
        this.valid = valid;
        this.quarantined = quarantined;
        this.release = release;
    }

    static Interactions read(SparkSession spark, EvaluationInput in) {
        if (in.mapping() != null) {
            MappedInteractions.Read r = MappedInteractions.read(spark, in.mapping(), in.joinRules());
            return new Interactions(r.valid(), r.quarantined(), r::release);
        }
        ReadResult r = TableReader.read(spark, Tables.INTERACTIONS, in.format(), in.pathArray());
        return new Interactions(r.valid(), r.quarantinedCount(), r::unpersist);
    }

    Dataset<Row> valid() {
        return valid;
    }

    long quarantinedCount() {
        return quarantined;
    }

    void release() {
        release.run();
    }
}
