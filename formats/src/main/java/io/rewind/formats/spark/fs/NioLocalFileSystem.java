package io.rewind.formats.spark.fs;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * {@code file:} through {@code FileSystem}, with checksums as Hadoop's {@code LocalFileSystem}, on
 * {@link NioRawLocalFileSystem}.
 */
public class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }
}
