package io.rewind.notebook;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rich output in a notebook cell: charts and images inline, tables as HTML. */
public final class Display {
    private Display() {
    }

    /** Shows an XChart chart as an inline PNG. */
    public static void chart(Chart<?, ?> chart) {
        try {
            png(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), chart.getTitle());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shows a PNG file (for example the chart a Rewind job wrote). */
    public static void png(Path file) {
        try {
            png(Files.readAllBytes(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void png(byte[] png, String caption) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("image/png", Base64.getEncoder().encodeToString(png));
        data.put("text/plain", "<chart: " + caption + ">");
        show(data);
    }

    /** Shows rows as an HTML table (and as aligned text where HTML is not rendered). */
    public static void table(List<String> header, List<? extends List<?>> rows) {
        StringBuilder html = new StringBuilder("<table><thead><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (List<?> row : rows) {
            html.append("<tr>");
            row.forEach(v -> html.append("<td>").append(escape(format(v))).append("</td>"));
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        Map<String, String> data = new LinkedHashMap<>();
        data.put("text/html", html.toString());
        data.put("text/plain", text(header, rows));
        show(data);
    }

    /**
     * Publishes rich data in the running kernel, after what the cell printed so far (a print without its newline
     * is still buffered in the stream, so it is flushed first to keep its place); outside a kernel, prints its text.
     */
    private static void show(Map<String, String> data) {
        System.out.flush();
        System.err.flush();
        java.util.Optional<BaseKernel> kernel = io.rewind.notebook.kernel.Kernel.running();
        if (kernel.isEmpty()) {
            System.out.println(data.get("text/plain"));
            return;
        }
        DisplayData d = new DisplayData();
        data.forEach(d::putData);
        kernel.get().display(d);
    }

    static String format(Object v) {
        if (v instanceof Double d) return String.format("%.4f", d);
        if (v instanceof Float f) return String.format("%.4f", f);
        return String.valueOf(v);
    }

    private static String text(List<String> header, List<? extends List<?>> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) width[c] = header.get(c).length();
        for (List<?> row : rows) {
            for (int c = 0; c < Math.min(width.length, row.size()); c++) {
                width[c] = Math.max(width[c], format(row.get(c)).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, width);
        for (List<?> row : rows) appendRow(sb, row, width);
        return sb.toString().stripTrailing();
    }

    private static void appendRow(StringBuilder sb, List<?> row, int[] width) {
        for (int c = 0; c < Math.min(width.length, row.size()); c++) {
            String s = format(row.get(c));
            sb.append(s).append(" ".repeat(width[c] - s.length() + 2));
        }
        sb.append('\n');
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
