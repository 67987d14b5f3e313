package io.rewind.formats.spark.fs;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system, reading and setting permissions and looking for symbolic links through
 * {@code java.nio} rather than by running {@code ls -ld}, {@code chmod} and {@code readlink}, as Hadoop does when its
 * native library is not loaded (Spark's and Maven Central's jars do not carry it). A Delta commit on a local disk
 * started eight such processes, every Parquet file and folder written one more, and every file listed for a read
 * one more; the rest is Hadoop's own code.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {
    /** The "unix" view (Linux and macOS) gives the mode with its sticky bit, as {@code ls -ld} does. */
    private static final String ATTRIBUTES = "unix:mode,size,isDirectory,lastModifiedTime,lastAccessTime,owner,group";

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        File file = pathToFile(f);
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file.toPath(), ATTRIBUTES);
        } catch (NoSuchFileException missing) {
            throw new FileNotFoundException("File " + f + " does not exist");
        } catch (FileSystemException | UnsupportedOperationException | IllegalArgumentException other) {
            return super.getFileStatus(f); // "Not a directory" for a file's child, or no "unix" view: as Hadoop does
        }
        return new FileStatus((Long) a.get("size"), (Boolean) a.get("isDirectory"), 1, getDefaultBlockSize(f),
                ((FileTime) a.get("lastModifiedTime")).toMillis(), ((FileTime) a.get("lastAccessTime")).toMillis(),
                new FsPermission((short) ((Integer) a.get("mode") & 07777)),
                ((UserPrincipal) a.get("owner")).getName(), ((UserPrincipal) a.get("group")).getName(),
                new Path(file.getPath()).makeQualified(getUri(), getWorkingDirectory()));
    }

    /** Hadoop's own lists a plain file's status without {@link #getFileStatus}, so its permissions through ls. */
    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        if (pathToFile(f).isFile()) {
            return new FileStatus[] {getFileStatus(f)};
        }
        return super.listStatus(f);
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        if (permission.getStickyBit()) {
            super.setPermission(p, permission);
            return;
        }
        try {
            Files.setPosixFilePermissions(pathToFile(p).toPath(),
                    PosixFilePermissions.fromString(permission.toString()));
        } catch (UnsupportedOperationException notPosix) {
            super.setPermission(p, permission);
        }
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        if (Files.isSymbolicLink(pathToFile(f).toPath())) {
            return super.getFileLinkStatus(f);
        }
        return getFileStatus(f);
    }
}
