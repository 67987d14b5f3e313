package io.rewind.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rewind.formats.Tables;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The Flink side derives its Avro schema from the one table definition, with Spark's types. */
class AvroSchemasTest {
    @Test
    void interactionsSchemaFollowsTheTableDefinition() {
        Schema s = AvroSchemas.of(Tables.INTERACTIONS);
        assertEquals(Tables.INTERACTIONS.fieldNames(), s.getFields().stream().map(Schema.Field::name).toList());
        assertEquals(Schema.Type.STRING, s.getField("event_id").schema().getType());
        Schema ts = s.getField("timestamp").schema();
        assertEquals(LogicalTypes.timestampMicros(), ts.getLogicalType());
        Schema userId = s.getField("user_id").schema();
        assertEquals(Schema.Type.UNION, userId.getType(), "optional fields are nullable");
        Schema actions = s.getField("actions").schema();
        assertEquals("candidate", actions.getElementType().getName());
        assertEquals(Schema.Type.BOOLEAN, s.getField("reward_observed").schema().getType());
    }

    @Test
    void sparkIsNotOnTheFlinkClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.sql.SparkSession"));
    }
}
