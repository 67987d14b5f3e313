package io.rewind.formats.spark.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.spark.LocalSpark;
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
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files through java.nio do what Hadoop's shell commands do, and a Delta commit runs neither command. */
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
    void aDeltaCommitOnALocalDiskRunsNoChmodOrReadlink() throws Exception {
        SparkSession spark = LocalSpark.forTests();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        assertInstanceOf(NioLocalFileSystem.class, new Path("file:" + dir).getFileSystem(conf));
        assertEquals(NioLocalFs.class, FileContext.getFileContext(new java.net.URI("file:///"), conf)
                .getDefaultFileSystem().getClass());

        String table = dir.resolve("t").toString();
        spark.range(10).write().format("delta").save(table); // the first write loads Hadoop's shell helpers
        List<String> started = new ArrayList<>();
        java.nio.file.Path events = dir.resolve("events.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ProcessStart");
            recording.start();
            spark.range(20).write().format("delta").mode("append").save(table);
            spark.range(5).write().format("delta").mode("overwrite").save(table);
            recording.stop();
            recording.dump(events);
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(events)) {
            started.add(e.getString("command"));
        }
        assertEquals(List.of(), started.stream().filter(c -> c.startsWith("chmod ") || c.startsWith("readlink "))
                .toList(), "two Delta commits (eight processes each through Hadoop's shell, and more per file)");
        assertEquals(5, spark.read().format("delta").load(table).count());
    }
}
