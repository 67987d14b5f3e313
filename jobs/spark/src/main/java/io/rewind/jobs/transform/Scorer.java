package io.rewind.jobs.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Turns input rows into requests and scores them in batches; one implementation per kind of model. */
interface Scorer extends Serializable {
    /** A row that cannot be scored, with the reason ("field: rule"). */
    final class BadRow extends RuntimeException {
        BadRow(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The fields this scorer adds to each output row. */
    StructType fields();

    /** A request from one JSON line; throws {@link BadRow}. */
    Object fromJson(JsonNode line);

    /** A request from one Parquet or Delta row; throws {@link BadRow}. */
    Object fromRow(Row row);

    /** The output values of each request, in order; row ids seed any sampling. */
    List<Object[]> score(List<Object> requests, List<String> rowIds);
}
