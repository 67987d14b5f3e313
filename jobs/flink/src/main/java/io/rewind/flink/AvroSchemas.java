package io.rewind.flink;

import io.rewind.formats.Field;
import io.rewind.formats.FieldType;
import io.rewind.formats.TableSchema;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Avro schemas of Rewind tables, derived from the same {@link TableSchema} Spark uses, so Parquet written by Flink
 * (through parquet-avro) reads in Spark with the Spark join's schema: timestamps as timestamp-micros, vectors as
 * arrays of double, candidates as records of id and features.
 */
public final class AvroSchemas {
    private AvroSchemas() {
    }

    public static Schema of(TableSchema table) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(table.name()).namespace("io.rewind")
                .fields();
        for (Field f : table.fields()) {
            Schema type = type(f.type());
            Schema nullable = Schema.createUnion(Schema.create(Schema.Type.NULL), type);
            fields = fields.name(f.name()).doc(f.description()).type(f.required() ? type : nullable).noDefault();
        }
        return fields.endRecord();
    }

    /** The record of one candidate action: its id and optional features. */
    public static Schema candidate() {
        return type(FieldType.CANDIDATES).getElementType();
    }

    static Schema type(FieldType t) {
        return AvroCodec.of(t).schema();
    }
}
