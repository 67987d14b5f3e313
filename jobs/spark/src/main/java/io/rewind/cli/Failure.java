package io.rewind.cli;

import io.rewind.formats.spark.OutputFailedException;
import io.rewind.jobs.BadFractionExceededException;
import java.util.List;
import org.apache.spark.SparkThrowable;

/**
 * How a command that threw ends: its exit code and one line for the user. Rewind's own refusals travel as
 * {@link IllegalArgumentException}s, also when a Spark task threw them and Spark wrapped them; Spark's errors about
 * the input (a file it cannot read, a path that is not a table) are bad input too. Anything else is a failure of
 * the engine or the machine (exit 1), said in one line with its root cause.
 *
 * @param trace whether the stack trace helps (only for failures Rewind does not recognise, and only with --verbose)
 */
record Failure(int exit, String message, boolean trace) {
    /** Spark and Delta conditions that mean the input, not the engine, is wrong. */
    private static final List<String> BAD_INPUT_CONDITIONS = List.of("FAILED_READ_FILE", "DELTA_TABLE_NOT_FOUND",
            "PATH_NOT_FOUND", "UNABLE_TO_INFER_SCHEMA", "DELTA_CANNOT_CREATE_LOG_PATH", "DATATYPE_MISMATCH",
            "DELTA_MISSING_DELTA_TABLE", "CANNOT_READ_FILE_FOOTER", "INCOMPATIBLE_DATA_FOR_TABLE");

    static Failure of(Throwable e) {
        if (e instanceof BadFractionExceededException) {
            return new Failure(Rewind.EXIT_TOO_MANY_BAD_ROWS, e.getMessage(), false);
        }
        if (e instanceof OutputFailedException) {
            return new Failure(1, e.getMessage(), false);
        }
        if (e instanceof IllegalArgumentException) {
            return new Failure(Rewind.EXIT_BAD_INPUT, e.getMessage(), false);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && thrownByRewind(t)) {
                return new Failure(Rewind.EXIT_BAD_INPUT, t.getMessage(), false);
            }
            if (t instanceof java.io.IOException && refusedByTheFileSystem(t)) {
                String m = firstLine(t.getMessage());
                String what = m.startsWith(MKDIRS) ? "cannot create " + m.substring(MKDIRS.length()) : "cannot use " + m;
                return new Failure(Rewind.EXIT_BAD_INPUT, what + REFUSED, false);
            }
            if (t instanceof SparkThrowable s && s.getCondition() != null
                    && BAD_INPUT_CONDITIONS.stream().anyMatch(s.getCondition()::startsWith)) {
                return new Failure(Rewind.EXIT_BAD_INPUT, firstLine(t.getMessage()) + rootCause(t, false), false);
            }
        }
        return new Failure(1, "failed: " + firstLine(String.valueOf(e.getMessage())) + rootCause(e, true), true);
    }

    /** What a path the file system will not let the job write is told, before Spark starts or when a write fails. */
    static final String REFUSED = ": the file system refuses it (read-only, no permission, or a file where a folder"
            + " is needed); give a path this job can read and write";

    /** How Hadoop's local file system says a folder could not be made (a read-only mount, say), without why. */
    private static final String MKDIRS = "Mkdirs failed to create ";

    /** A read-only mount or missing permission, as the local file system, HDFS and NIO say it. */
    private static boolean refusedByTheFileSystem(Throwable t) {
        String m = String.valueOf(t.getMessage());
        return t instanceof java.nio.file.AccessDeniedException || m.contains("Read-only file system")
                || m.contains("Permission denied") || m.startsWith(MKDIRS);
    }

    private static boolean thrownByRewind(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return st.length > 0 && st[0].getClassName().startsWith("io.rewind.");
    }

    /** The innermost cause's message, when it says something the outer one does not. */
    private static String rootCause(Throwable e, boolean withClass) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root == e || root.getMessage() == null ? null : firstLine(root.getMessage());
        return m == null || e.getMessage() != null && e.getMessage().contains(m) ? ""
                : " (" + (withClass ? root.getClass().getSimpleName() + ": " : "") + m + ")";
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
