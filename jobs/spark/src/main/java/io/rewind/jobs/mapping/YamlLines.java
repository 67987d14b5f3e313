package io.rewind.jobs.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line each key of a YAML file starts on, by its path ({@code /decisions/action}), so a message about a value
 * read into a record can still name where the user wrote it (Jackson's trees drop token locations).
 */
record YamlLines(Map<String, Integer> lines) {
    static YamlLines of(String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME || t.isScalarValue() || t.isStructStart()) {
                    lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(),
                            p.currentTokenLocation().getLineNr());
                }
            }
        }
        return new YamlLines(Map.copyOf(lines));
    }

    /** The line of {@code path}, or of its closest enclosing key, or 1. */
    int line(String path) {
        for (JsonPointer p = JsonPointer.compile(path); p != null; p = p.head()) {
            Integer line = lines.get(p.toString());
            if (line != null) {
                return line;
            }
        }
        return 1;
    }
}
