package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.TableFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a write killed halfway leaves in a table, built on disk as the kill leaves it: readers refuse the table, and
 * the next write finishes the swap before its own, so the table ends as if nothing had been killed.
 */
class UnfinishedWritesTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType).add("v", DataTypes.IntegerType)
            .add("day", DataTypes.StringType);
    static final PartitionedTable.Ownership BY_ID = new PartitionedTable.Ownership.ByKey("id");

    @TempDir
    Path dir;

    static Dataset<Row> rows(Object[]... rows) {
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(RowFactory.create(r));
        }
        return SPARK.createDataFrame(out, SCHEMA);
    }

    static List<String> content(String path) {
        return SPARK.read().schema(SCHEMA).parquet(path).orderBy("id").collectAsList().stream()
                .map(Row::toString).toList();
    }

    Dataset<Row> first = rows(new Object[]{"a", 1, "d1"}, new Object[]{"b", 1, "d2"}, new Object[]{"c", 1, "d3"});
    // the second run replaces b and c and adds d in a new partition d4
    Dataset<Row> second = rows(new Object[]{"b", 2, "d2"}, new Object[]{"c", 2, "d3"}, new Object[]{"d", 2, "d4"});
    Dataset<Row> third = rows(new Object[]{"e", 3, "d2"});

    @Test
    void aParquetSwapKilledBetweenTwoRenamesIsRefusedByReadersAndFinishedByTheNextWrite() throws Exception {
        String clean = dir.resolve("clean").toString();
        PartitionedTable.write(first, TableFormat.PARQUET, clean, "day", BY_ID);
        PartitionedTable.write(second, TableFormat.PARQUET, clean, "day", BY_ID);
        PartitionedTable.write(third, TableFormat.PARQUET, clean, "day", BY_ID);

        String killed = dir.resolve("killed").toString();
        PartitionedTable.write(first, TableFormat.PARQUET, killed, "day", BY_ID);
        // the second write as a kill between two renames leaves it: staged and listed, d2 swapped, d3's old folder
        // moved aside and its new one not yet in, d4 not yet moved in
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(killed);
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(root, UnfinishedWrites.STAGING + "k");
        second.write().mode(SaveMode.ErrorIfExists).partitionBy("day").parquet(staging.toString());
        FileSystem fs = OutputPaths.fs(SPARK, root);
        UnfinishedWrites.beginSwap(fs, staging, List.of("day=d2", "day=d3", "day=d4"));
        fs.delete(new org.apache.hadoop.fs.Path(root, "_SUCCESS"), false);
        org.apache.hadoop.fs.Path replaced = new org.apache.hadoop.fs.Path(staging, UnfinishedWrites.REPLACED);
        fs.mkdirs(replaced);
        fs.rename(new org.apache.hadoop.fs.Path(root, "day=d2"), new org.apache.hadoop.fs.Path(replaced, "day=d2"));
        fs.rename(new org.apache.hadoop.fs.Path(staging, "day=d2"), new org.apache.hadoop.fs.Path(root, "day=d2"));
        fs.rename(new org.apache.hadoop.fs.Path(root, "day=d3"), new org.apache.hadoop.fs.Path(replaced, "day=d3"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TableReader.raw(SPARK, TableFormat.PARQUET, killed));
        assertTrue(refused.getMessage().startsWith(killed + " is half-swapped"), refused.getMessage());
        assertFalse(Files.exists(Path.of(killed, "_SUCCESS")), "not marked complete");

        PartitionedTable.write(third, TableFormat.PARQUET, killed, "day", BY_ID);
        assertEquals(content(clean), content(killed));
        assertEquals(List.of("[a,1,d1]", "[b,2,d2]", "[c,2,d3]", "[d,2,d4]", "[e,3,d2]"), content(killed));
        assertTrue(Files.exists(Path.of(killed, "_SUCCESS")));
        assertEquals(List.of("_SUCCESS", "day=d1", "day=d2", "day=d3", "day=d4"), names(killed), "no staging left");
        assertTrue(UnfinishedWrites.describe(SPARK, killed).isEmpty());
    }

    @Test
    void aDeltaTableWhoseFirstWriteNeverCommittedIsRefusedByReadersAndWrittenByTheNextRun() throws Exception {
        String path = dir.resolve("delta").toString();
        // what a first write killed before its commit leaves: the log folder Rewind creates first, and data files
        OutputPaths.beginDelta(SPARK, path);
        first.write().mode(SaveMode.Overwrite).partitionBy("day").parquet(dir.resolve("elsewhere").toString());
        Files.move(dir.resolve("elsewhere/day=d1"), Path.of(path, "day=d1"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TableReader.raw(SPARK, TableFormat.DELTA, path));
        assertEquals(path + " is a Delta table whose first write never committed (killed, or still running);"
                + " re-run the job that writes it", refused.getMessage());

        PartitionedTable.write(second, TableFormat.DELTA, path, "day", BY_ID);
        assertEquals(List.of("[b,2,d2]", "[c,2,d3]", "[d,2,d4]"), SPARK.read().format("delta").load(path)
                .select("id", "v", "day").orderBy("id").collectAsList().stream().map(Row::toString).toList());
    }

    @Test
    void aWholeTableReplaceKilledWhileStagingLeavesTheOldTableReadableAndItsStagingIsRemovedByTheNextWrite()
            throws Exception {
        String path = dir.resolve("replaced").toString();
        StagedParquet.replace(first, path, w -> w);
        // a replace killed while writing its staging folder: Spark's _temporary inside it, no swap list
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(path, UnfinishedWrites.STAGING + "k");
        second.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
        Files.createDirectories(Path.of(staging.toString(), "_temporary", "0"));
        assertTrue(UnfinishedWrites.describe(SPARK, path).isEmpty(), "the old table is whole");
        assertEquals(List.of("[a,1,d1]", "[b,1,d2]", "[c,1,d3]"), content(path));

        StagedParquet.replace(third, path, w -> w);
        assertEquals(List.of("[e,3,d2]"), content(path), "the new table only, nothing of the old or the killed");
        try (var files = Files.list(Path.of(path))) {
            List<String> all = files.map(p -> p.getFileName().toString()).toList();
            for (String f : all) {
                if (f.endsWith(".parquet.crc")) {
                    String part = f.substring(1, f.length() - ".crc".length());
                    assertTrue(all.contains(part), "a checksum of a file no longer there: " + f + " in " + all);
                }
            }
        }
        assertTrue(names(path).stream().noneMatch(n -> n.startsWith(UnfinishedWrites.STAGING)), names(path).toString());
        assertTrue(names(path).contains("_SUCCESS"), names(path).toString());
    }

    @Test
    void aWholeTableReplaceKilledMidSwapIsRefusedByReadersAndFinishedByTheNextWrite() throws Exception {
        String path = dir.resolve("midswap").toString();
        StagedParquet.replace(first, path, w -> w);
        List<String> oldFiles = names(path).stream().filter(n -> n.endsWith(".parquet")).toList();
        // the swap of a replace by `second`, killed after moving out the old files and before moving in the new
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(path);
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(root, UnfinishedWrites.STAGING + "k");
        second.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
        FileSystem fs = OutputPaths.fs(SPARK, root);
        List<String> swapped = new ArrayList<>(oldFiles);
        swapped.addAll(names(staging.toString()).stream().filter(n -> n.endsWith(".parquet")).toList());
        UnfinishedWrites.beginSwap(fs, staging, swapped);
        fs.delete(new org.apache.hadoop.fs.Path(root, "_SUCCESS"), false);
        org.apache.hadoop.fs.Path replaced = new org.apache.hadoop.fs.Path(staging, UnfinishedWrites.REPLACED);
        fs.mkdirs(replaced);
        for (String f : oldFiles) {
            fs.rename(new org.apache.hadoop.fs.Path(root, f), new org.apache.hadoop.fs.Path(replaced, f));
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TableReader.raw(SPARK, TableFormat.PARQUET, path));
        assertTrue(refused.getMessage().startsWith(path + " is half-swapped"), refused.getMessage());

        StagedParquet.replace(third, path, w -> w);
        assertEquals(List.of("[e,3,d2]"), content(path));
        assertTrue(UnfinishedWrites.describe(SPARK, path).isEmpty());
    }

    static List<String> names(String path) throws Exception {
        try (var s = Files.list(Path.of(path))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
