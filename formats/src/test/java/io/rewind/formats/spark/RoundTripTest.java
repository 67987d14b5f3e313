package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.SampleRows;
import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every table through every format: written by Rewind, read back, the same rows, nothing quarantined. */
class RoundTripTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    static Dataset<Row> frame(TableSchema t, List<Object[]> rows) {
        List<Row> sparkRows = new ArrayList<>();
        for (Object[] r : rows) {
            sparkRows.add(SparkRows.toRow(t, r));
        }
        return SPARK.createDataFrame(sparkRows, SparkSchemas.of(t)).repartition(2);
    }

    @Test
    void everyTableThroughEveryFormat() {
        for (TableSchema t : Tables.all()) {
            for (TableFormat f : List.of(TableFormat.JSONL, TableFormat.CSV, TableFormat.PARQUET, TableFormat.DELTA)) {
                String path = dir.resolve(t.name() + "." + f.cliName()).toString();
                List<Object[]> rows = SampleRows.of(t);
                TableWriter.write(frame(t, rows), t, f, path);
                if (f.isText()) {
                    String[] parts = new java.io.File(path).list((d, n) -> n.startsWith("part-"));
                    assertTrue(parts.length >= 1, path);
                    for (String part : parts) {
                        assertTrue(part.endsWith(f.extension()), part + " is named for " + f);
                    }
                }
                ReadResult read = TableReader.read(SPARK, t, f, path);
                assertEquals(0, read.quarantinedCount(), t.name() + " " + f + ": "
                        + read.quarantined().collectAsList());
                assertEquals(rows.size(), read.validCount());
                RowsAssert.assertSameRows(t, rows, read.valid());
            }
        }
    }

    @Test
    void rewritingReplacesInsteadOfAppending() {
        String path = dir.resolve("rewards").toString();
        TableWriter.write(frame(Tables.REWARDS, SampleRows.rewards()), Tables.REWARDS, TableFormat.PARQUET, path);
        TableWriter.write(frame(Tables.REWARDS, SampleRows.rewards()), Tables.REWARDS, TableFormat.PARQUET, path);
        assertEquals(SampleRows.rewards().size(), TableReader.read(SPARK, Tables.REWARDS, TableFormat.PARQUET, path)
                .validCount());
    }

    @Test
    void episodesThroughTheSeedCsvLayout() throws Exception {
        String path = dir.resolve("cartpole_dataset").toString();
        List<Object[]> rows = SampleRows.episodes();
        TableWriter.write(frame(Tables.EPISODES, rows), Tables.EPISODES, TableFormat.SEED_CSV, path);
        List<String> lines = SPARK.read().textFile(path).collectAsList();
        assertEquals("action,all_action_probabilities,episode_id,reward,cumulative_rewards,state_feature_0,"
                + "state_feature_1,state_feature_2,state_feature_3", lines.get(0));
        assertEquals("0,\"[0.5, 0.5]\",0,1.0,0.0,0.0,-0.0,0.125,0.0", lines.get(1));
        assertEquals("1,\"[0.5, 0.5]\",0,1.0,2.0,0.01,-0.0,0.125,1.0", lines.get(2)); // last step: return 2
        ReadResult read = TableReader.read(SPARK, Tables.EPISODES, TableFormat.SEED_CSV, path);
        assertEquals(0, read.quarantinedCount());
        RowsAssert.assertSameRows(Tables.EPISODES, rows, read.valid());
    }
}
