package io.rewind.formats.spark.fs;

import java.util.Map;

/** The Spark settings that make {@code file:} paths, in both of Hadoop's file APIs, use {@link NioRawLocalFileSystem}. */
public final class NioLocalFiles {
    public static final Map<String, String> SETTINGS = Map.of(
            "spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName(),
            "spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());

    private NioLocalFiles() {
    }
}
