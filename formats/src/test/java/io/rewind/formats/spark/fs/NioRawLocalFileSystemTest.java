package io.rewind.formats.spark.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.spark.LocalSpark;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files through java.nio do what Hadoop's shell commands do, and Spark's writes and reads run none of them. */
class NioRawLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    static RawLocalFileSystem open(RawLocalFileSystem fs) throws Exception {
        fs.initialize(java.net.URI.create("file:///"), new Configuration());
        return fs;
    }

    @Test
    void permissionsAreTheOnesHadoopsChmodSets() throws Exception {
        RawLocalFileSystem nio = open(new NioRawLocalFileSystem());
        RawLocalFileSystem hadoop = open(new RawLocalFileSystem());
        for (short mode : new short[] {0755, 0640, 0600, 0777, 0500, 0421, 01777}) {
            String octal = Integer.toOctalString(mode);
            java.nio.file.Path a = Files.createFile(dir.resolve("nio-" + octal));
            java.nio.file.Path b = Files.createFile(dir.resolve("hadoop-" + octal));
            nio.setPermission(new Path("file:" + a), new FsPermission(mode));
            hadoop.setPermission(new Path("file:" + b), new FsPermission(mode));
            assertEquals(Files.getPosixFilePermissions(b), Files.getPosixFilePermissions(a), octal);
        }
        assertEquals("rw-r-----", hadoop.getFileStatus(new Path("file:" + dir.resolve("nio-640"))).getPermission()
                .toString(), "0640 read back through Hadoop");
    }

    @Test
    void statusesAreTheOnesHadoopsLsReads() throws Exception {
        RawLocalFileSystem nio = open(new NioRawLocalFileSystem());
        RawLocalFileSystem hadoop = open(new RawLocalFileSystem());
        java.nio.file.Path sticky = Files.createDirectory(dir.resolve("sticky"));
        hadoop.setPermission(new Path("file:" + sticky), new FsPermission((short) 01777));
        java.nio.file.Path file = Files.writeString(sticky.resolve("a.parquet"), "PAR1");
        hadoop.setPermission(new Path("file:" + file), new FsPermission((short) 0640));
        Files.createSymbolicLink(sticky.resolve("link"), file);
        Files.createDirectory(sticky.resolve("part=1"));
        for (String name : new String[] {"sticky", "sticky/a.parquet", "sticky/link", "sticky/part=1"}) {
            Path p = new Path(dir.resolve(name).toString());
            assertSameStatus(hadoop.getFileStatus(p), nio.getFileStatus(p), name);
        }
        Path folder = new Path("file:" + sticky);
        assertEquals(3, nio.listStatus(folder).length);
        for (FileStatus expected : hadoop.listStatus(folder)) {
            assertSameStatus(expected, nio.getFileStatus(expected.getPath()), expected.getPath().getName());
        }
        FileStatus[] one = nio.listStatus(new Path("file:" + file));
        assertSameStatus(hadoop.listStatus(new Path("file:" + file))[0], one[0], "a file listed");
        assertEquals("rwxrwxrwt", nio.getFileStatus(folder).getPermission().toString());
        assertThrows(FileNotFoundException.class, () -> nio.getFileStatus(new Path("file:" + dir.resolve("none"))));
        assertThrows(FileNotFoundException.class, () -> nio.getFileStatus(new Path("file:" + file + "/_delta_log")),
                "a file's child, as Delta looks for a table's log");
    }

    static void assertSameStatus(FileStatus expected, FileStatus actual, String name) {
        assertEquals(expected.getPath(), actual.getPath(), name);
        assertEquals(expected.isDirectory(), actual.isDirectory(), name);
        assertEquals(expected.getLen(), actual.getLen(), name);
        assertEquals(expected.getBlockSize(), actual.getBlockSize(), name);
        assertEquals(expected.getReplication(), actual.getReplication(), name);
        assertEquals(expected.getModificationTime(), actual.getModificationTime(), name);
        assertEquals(expected.getPermission(), actual.getPermission(), name);
        assertEquals(expected.getOwner(), actual.getOwner(), name);
        assertEquals(expected.getGroup(), actual.getGroup(), name);
    }

    @Test
    void linksAreSeenAsHadoopSeesThem() throws Exception {
        RawLocalFileSystem nio = open(new NioRawLocalFileSystem());
        RawLocalFileSystem hadoop = open(new RawLocalFileSystem());
        java.nio.file.Path target = Files.writeString(dir.resolve("target.json"), "{}");
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        FileStatus viaNio = nio.getFileLinkStatus(new Path(link.toString()));
        FileStatus viaHadoop = hadoop.getFileLinkStatus(new Path(link.toString()));
        assertTrue(viaNio.isSymlink());
        assertEquals(viaHadoop.getSymlink(), viaNio.getSymlink());
        FileStatus plain = nio.getFileLinkStatus(new Path("file:" + target));
        assertFalse(plain.isSymlink());
        assertEquals(2, plain.getLen());
        assertEquals(hadoop.getFileLinkStatus(new Path("file:" + target)).getPath(), plain.getPath());
    }

    @Test
    void aDeltaCommitOrAFileListingOnALocalDiskRunsNoChmodLsOrReadlink() throws Exception {
        SparkSession spark = LocalSpark.forTests();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        assertInstanceOf(NioLocalFileSystem.class, new Path("file:" + dir).getFileSystem(conf));
        assertEquals(NioLocalFs.class, FileContext.getFileContext(new java.net.URI("file:///"), conf)
                .getDefaultFileSystem().getClass());

        String table = dir.resolve("t").toString();
        spark.range(10).write().format("delta").save(table); // the first write loads Hadoop's shell helpers
        Files.createDirectory(dir.resolve("lines"));
        Files.writeString(dir.resolve("lines/a.jsonl"), "{}\n");
        Files.writeString(dir.resolve("lines/b.jsonl"), "{}\n");
        String lines = "file:" + dir.resolve("lines"); // listed as TableReader lists jsonlines and CSV
        List<String> started = new ArrayList<>();
        java.nio.file.Path events = dir.resolve("events.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ProcessStart");
            recording.start();
            spark.range(20).write().format("delta").mode("append").save(table);
            spark.range(5).write().format("delta").mode("overwrite").save(table);
            assertEquals(2, JavaSparkContext.fromSparkContext(spark.sparkContext()).binaryFiles(lines).count());
            recording.stop();
            recording.dump(events);
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(events)) {
            started.add(e.getString("command"));
        }
        assertEquals(List.of(), started.stream().filter(c -> c.startsWith("chmod ") || c.startsWith("readlink ")
                || c.startsWith("ls ")).toList(),
                "two Delta commits (eight processes each through Hadoop's shell, and more per file), a listing");
        assertEquals(5, spark.read().format("delta").load(table).count());
    }
}
