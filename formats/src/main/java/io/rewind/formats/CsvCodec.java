package io.rewind.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows of a {@link TableSchema} as CSV lines (RFC 4180, header first). Vectors, lists and candidates are written
 * as JSON inside a cell ({@code "[0.5, 0.5]"}, as the seeds do); an empty cell is null. Each physical line is one
 * row, so a broken line costs only itself.
 */
public final class CsvCodec {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("").build();

    private final TableSchema schema;
    private final String[] columns;

    /** A codec for files whose header names these columns (any order, any subset; extra columns are ignored). */
    public CsvCodec(TableSchema schema, String headerLine) {
        this.schema = schema;
        this.columns = parseCells(headerLine).toArray(new String[0]);
        for (int i = 0; i < columns.length; i++) {
            columns[i] = columns[i].trim();
        }
    }

    public static String header(TableSchema schema) {
        return toLine(schema.fieldNames().toArray());
    }

    public Object[] decodeLine(String line) {
        List<String> cells;
        try {
            cells = parseCells(line);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new FieldException("line", "malformed CSV: " + e.getMessage());
        }
        if (cells.size() != columns.length) {
            throw new FieldException("line", "has " + cells.size() + " cells, the header has " + columns.length);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.length; i++) {
            String cell = cells.get(i);
            if (!schema.has(columns[i]) || cell.isEmpty()) {
                continue;
            }
            FieldType type = schema.field(schema.indexOf(columns[i])).type();
            if (type.isComplex()) {
                try {
                    node.set(columns[i], Json.tree(cell));
                } catch (JsonProcessingException e) {
                    throw new FieldException(columns[i], "malformed JSON in cell: " + e.getOriginalMessage());
                }
            } else {
                node.put(columns[i], cell);
            }
        }
        return JsonCodec.decode(schema, node, true);
    }

    public static String encodeLine(TableSchema schema, Object[] values) {
        Object[] cells = new Object[schema.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cell(schema.field(i).type(), values[i]);
        }
        return toLine(cells);
    }

    private static String cell(FieldType type, Object v) {
        if (v == null) {
            return "";
        }
        if (type.isComplex()) {
            JsonNode n = type.codec().toJson(v);
            return n.toString();
        }
        if (type == FieldType.TIMESTAMP) {
            return Timestamps.format((Instant) v);
        }
        return v.toString();
    }

    private static String toLine(Object[] cells) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, FORMAT)) {
            p.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static List<String> parseCells(String line) {
        try (CSVParser p = CSVParser.parse(line, FORMAT)) {
            List<CSVRecord> records = p.getRecords();
            if (records.size() != 1) {
                throw new IllegalStateException("expected one record, found " + records.size());
            }
            return records.get(0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
