package io.rewind.flink.collect;

/** One line as a source delivered it: which table, where from (file or topic-partition), its position, its text. */
public class RawLine {
    public String table;
    public String source;
    public long position;
    public String text;

    public RawLine() {
    }

    public RawLine(String table, String source, long position, String text) {
        this.table = table;
        this.source = source;
        this.position = position;
        this.text = text;
    }
}
