package io.rewind.notebook.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a cell shows, in the order it happened: text written to System.out and System.err (from any
 * thread) and rich displays. The kernel drains it after each snippet and publishes it on iopub.
 */
public final class Outputs {
    /** One output: a stream chunk ({@code name} stdout/stderr, {@code text}) or a display (mime type → data). */
    public record Item(String stream, String text, Map<String, String> data) {
        boolean isStream() {
            return stream != null;
        }
    }

    private static final Outputs GLOBAL = new Outputs();

    private final List<Item> items = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The sink System.out, System.err and {@link io.rewind.notebook.Display} write to in a kernel JVM. */
    public static Outputs global() {
        return GLOBAL;
    }

    public PrintStream stream(String name) {
        ByteArrayOutputStream buffer = name.equals("stderr") ? err : out;
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (Outputs.this) {
                    buffer.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (Outputs.this) {
                    buffer.write(b, off, len);
                }
            }
        };
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    public synchronized void display(Map<String, String> data) {
        cutText();
        items.add(new Item(null, null, new LinkedHashMap<>(data)));
    }

    /** The outputs since the last drain, text first cut at each display so the order is kept. */
    public synchronized List<Item> drain() {
        cutText();
        List<Item> drained = new ArrayList<>(items);
        items.clear();
        return drained;
    }

    private void cutText() {
        cut("stdout", out);
        cut("stderr", err);
    }

    private void cut(String name, ByteArrayOutputStream buffer) {
        if (buffer.size() == 0) return;
        items.add(new Item(name, buffer.toString(StandardCharsets.UTF_8), null));
        buffer.reset();
    }
}
