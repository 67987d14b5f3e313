package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The logging policies a log holds, told apart by {@code model_id} (rows without one are one more logger), each with
 * its number of usable rows, in the order of their ids: a row's logger is its index here.
 */
public record Loggers(List<Share> shares) {
    /** One logger: its model_id and how many usable rows it logged. */
    public record Share(String modelId, long rows) {
    }

    static final String UNNAMED = "(no model_id)";

    public Loggers {
        shares = List.copyOf(shares);
    }

    static Column id() {
        return coalesce(col("model_id"), lit(UNNAMED));
    }

    /** The loggers of {@code usable}, one small aggregation. */
    static Loggers of(Dataset<Row> usable) {
        return new Loggers(usable.groupBy(id().as("logger")).count().orderBy("logger").collectAsList().stream()
                .map(r -> new Share(r.getString(0), r.getLong(1))).toList());
    }

    public int count() {
        return shares.size();
    }

    public boolean several() {
        return shares.size() > 1;
    }

    /** Each row's logger as its 0-based index among {@link #shares}. */
    Column index() {
        Column ids = org.apache.spark.sql.functions.array(shares.stream().map(s -> lit(s.modelId()))
                .toArray(Column[]::new));
        return org.apache.spark.sql.functions.array_position(ids, id()).cast("int").minus(1);
    }

    String describe() {
        StringBuilder sb = new StringBuilder(shares.size() + " loggers (model_id) in the log: ");
        for (int k = 0; k < shares.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(shares.get(k).modelId()).append(" ").append(shares.get(k).rows())
                    .append(" rows");
        }
        return sb.append("; IPS and DR weigh each round by its own logger's probability (naive), WIPS and WDR"
                + " average each logger's estimate weighted by its rows over its divergence from the target"
                + " (Agarwal et al. 2017)").toString();
    }
}
