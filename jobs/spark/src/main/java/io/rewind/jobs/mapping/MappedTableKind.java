package io.rewind.jobs.mapping;

import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import java.util.Locale;

/** The Rewind tables a mapping can produce, with the key each has in the mapping file. */
public enum MappedTableKind {
    DECISIONS(Tables.DECISIONS),
    REWARDS(Tables.REWARDS),
    EPISODES(Tables.EPISODES);

    private final TableSchema schema;

    MappedTableKind(TableSchema schema) {
        this.schema = schema;
    }

    public TableSchema schema() {
        return schema;
    }

    /** The key of its section in the mapping file, and of its folder in an import's output. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
