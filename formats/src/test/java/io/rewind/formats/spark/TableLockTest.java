package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer at a time for a Parquet table, and a killed writer's lock taken over once its lease has run out. */
class TableLockTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    @AfterEach
    void defaultLease() {
        System.clearProperty("rewind.table.lease");
    }

    @Test
    void aSecondWriterIsRefusedInOneLineUntilTheFirstIsDone() {
        String table = dir.resolve("t").toString();
        try (TableLock first = TableLock.take(SPARK, table)) {
            OutputFailedException refused = assertThrows(OutputFailedException.class,
                    () -> TableLock.take(SPARK, table));
            assertTrue(refused.getMessage().startsWith("another job is writing " + table + " ("),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"));
        }
        assertFalse(Files.exists(dir.resolve("t").resolve(TableLock.NAME)), "released");
        TableLock.take(SPARK, table).close();
    }

    @Test
    void aWriteLongerThanTheLeaseKeepsItsLock() throws Exception {
        System.setProperty("rewind.table.lease", "PT2S");
        String table = dir.resolve("t").toString();
        try (TableLock first = TableLock.take(SPARK, table)) {
            Thread.sleep(3_000);
            assertThrows(OutputFailedException.class, () -> TableLock.take(SPARK, table), "renewed while it runs");
        }
    }

    @Test
    void aKilledWritersLockIsTakenOverOnceItsLeaseHasRunOut() throws Exception {
        System.setProperty("rewind.table.lease", "PT2S");
        String table = dir.resolve("t").toString();
        Path lock = dir.resolve("t").resolve(TableLock.NAME);
        Files.createDirectories(lock.getParent());
        // a writer killed 1 s after its last renewal, then 3 s after it
        Files.writeString(lock, "12345@host killed\n");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(1)));
        assertThrows(OutputFailedException.class, () -> TableLock.take(SPARK, table));
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3)));
        try (TableLock taken = TableLock.take(SPARK, table)) {
            assertTrue(Files.readString(lock).startsWith(java.lang.management.ManagementFactory.getRuntimeMXBean()
                    .getName()), "now this process's");
        }
    }
}
