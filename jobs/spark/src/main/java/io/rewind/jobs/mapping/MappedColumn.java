package io.rewind.jobs.mapping;

import org.apache.spark.sql.Column;

/** A field's value and the reason its row is bad (null where it is not). */
record MappedColumn(Column value, Column problem) {
}
