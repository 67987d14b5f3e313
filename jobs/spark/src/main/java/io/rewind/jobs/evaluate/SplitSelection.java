package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Locale;
import org.apache.spark.sql.Column;

/** Which rows of the interactions' {@code split} column an evaluation reads. */
public enum SplitSelection {
    ALL, TRAIN, EVAL;

    /** Whether a row is in the selected split. */
    public Column selects() {
        return this == ALL ? lit(true) : col("split").equalTo(label());
    }

    /** The value in the {@code split} column. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
