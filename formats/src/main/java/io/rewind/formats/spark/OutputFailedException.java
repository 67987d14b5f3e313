package io.rewind.formats.spark;

/**
 * Writing an output failed for a reason outside the data (another job writing the same table, a full disk): the
 * message says what happened and what state the output is in, in one line; the CLI prints it without a trace.
 */
public class OutputFailedException extends RuntimeException {
    public OutputFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws {@code e} as it is, checked or not (as Scala code throws Spark's checked exceptions). */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException rethrow(Throwable e) throws T {
        throw (T) e;
    }

    /** The reason a write failed, as a user should read it, or null when it is not one Rewind recognises. */
    static OutputFailedException explain(String path, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.ConcurrentModificationException) {
                return new OutputFailedException("another job wrote " + path + " at the same time; nothing of this"
                        + " run was committed (the other job's write stands); run it again", e);
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
                return new OutputFailedException("no space left on the device holding " + path + "; nothing of"
                        + " this run was committed (the table is as it was) and its staging files were removed", e);
            }
        }
        return null;
    }
}
