import static org.apache.spark.sql.functions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * For bench/mapping: simulated decisions and rewards (Rewind's schema, Parquet) rewritten in the shape a user's own
 * log has, and the mapping that reads them back: impressions with text times in Paris time, the context one column
 * per feature, the candidates as comma-separated text, and the clicks in a separate table with their own text times.
 */
public class OwnShape {
    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().appName("own-shape").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        Path out = Path.of(args[2]);
        Dataset<Row> d = spark.read().parquet(args[0]);
        int features = d.select(size(col("context"))).first().getInt(0);
        String pattern = "dd/MM/yyyy HH:mm:ss.SSS";
        List<Column> cols = new ArrayList<>(List.of(col("event_id").as("impression_id"),
                date_format(from_utc_timestamp(col("timestamp"), "Europe/Paris"), pattern).as("shown_at"),
                col("user_id").as("user")));
        StringBuilder vector = new StringBuilder();
        for (int j = 0; j < features; j++) {
            cols.add(element_at(col("context"), j + 1).as("x" + j));
            vector.append(j == 0 ? "" : ", ").append("{column: x").append(j).append("}");
        }
        cols.add(array_join(col("actions.id"), ",").as("candidates"));
        cols.add(col("action").as("item_shown"));
        cols.add(col("action_prob").as("propensity"));
        d.select(cols.toArray(new Column[0])).write().mode(SaveMode.Overwrite).parquet(out.resolve("impressions")
                .toString());
        spark.read().parquet(args[1]).select(col("event_id").as("impression_id"),
                        date_format(from_utc_timestamp(col("timestamp"), "Europe/Paris"), pattern).as("clicked_at"),
                        col("reward").as("clicked"))
                .write().mode(SaveMode.Overwrite).parquet(out.resolve("clicks").toString());
        Files.writeString(out.resolve("mapping.yaml"), String.join("\n",
                "source: {format: parquet, path: impressions}",
                "rewards_source: {format: parquet, path: clicks}",
                "decisions:",
                "  event_id: {column: impression_id}",
                "  timestamp: {column: shown_at, pattern: \"" + pattern + "\", zone: Europe/Paris}",
                "  user_id: {column: user}",
                "  context:",
                "    vector: [" + vector + "]",
                "  actions: {column: candidates}",
                "  action: {column: item_shown}",
                "  action_prob: {column: propensity}",
                "rewards:",
                "  event_id: {column: impression_id}",
                "  timestamp: {column: clicked_at, pattern: \"" + pattern + "\", zone: Europe/Paris}",
                "  reward: {column: clicked}", ""));
        spark.stop();
    }
}
