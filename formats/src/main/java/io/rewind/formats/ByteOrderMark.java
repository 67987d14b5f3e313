package io.rewind.formats;

/** The UTF-8 byte-order mark that Windows tools and some editors put before a text file's first line. */
public final class ByteOrderMark {
    private static final char BOM = '\uFEFF';

    private ByteOrderMark() {
    }

    /** Line {@code lineNo} (1-based) of a file as Rewind decodes it: the first line without a byte-order mark. */
    public static String strip(String line, long lineNo) {
        return lineNo == 1 && line != null && !line.isEmpty() && line.charAt(0) == BOM ? line.substring(1) : line;
    }
}
