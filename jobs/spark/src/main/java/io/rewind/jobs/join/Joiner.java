package io.rewind.jobs.join;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.rewind.formats.JoinRules;
import io.rewind.formats.Split;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.jobs.JobSummary;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Joins checked decisions with checked rewards by {@code event_id}, as production logs arrive: the first decision
 * of an id is kept and later copies quarantined; rewards inside the decision's window are combined (first, last or
 * sum); late and orphan rewards are quarantined; decisions without a reward get the default reward, or are dropped.
 */
public final class Joiner {
    private Joiner() {
    }

    /** The joined interactions, what was quarantined, and the counts (which add up). */
    public record Result(Dataset<Row> interactions, Dataset<Row> decisionQuarantine, Dataset<Row> rewardQuarantine,
                         JobSummary summary, List<Dataset<Row>> cached) {
        /** Frees the intermediate rows the join cached, once its outputs are written. */
        public void release() {
            cached.forEach(Dataset::unpersist);
        }
    }

    public static Result join(ReadResult decisions, ReadResult rewards, JoinRules rules) {
        Dataset<Row> ranked = decisions.validWithSource()
                .withColumn("_rank", row_number().over(Window.partitionBy("event_id")
                        .orderBy(col("timestamp"), col("source_file"), col("source_line"))))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> kept = ranked.filter(col("_rank").equalTo(1)).drop("_rank");
        Dataset<Row> duplicates = asQuarantine(Tables.DECISIONS,
                ranked.filter(col("_rank").gt(1)).withColumn("reason", lit(JoinRules.DUPLICATE_DECISION)));

        long windowMicros = rules.window().toNanos() / 1000;
        Dataset<Row> classified = rewards.validWithSource()
                .join(kept.select(col("event_id"), col("timestamp").as("_decision_ts")), "event_id", "left")
                .withColumn("_status", when(col("_decision_ts").isNull(), lit("orphan"))
                        .when(expr("unix_micros(timestamp)").gt(expr("unix_micros(_decision_ts)").plus(windowMicros)),
                                lit("late"))
                        .otherwise(lit("ok")))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> rewardQuarantine = asQuarantine(Tables.REWARDS, classified.filter(col("_status").notEqual("ok"))
                .withColumn("reason", when(col("_status").equalTo("orphan"), lit(JoinRules.ORPHAN_REWARD))
                        .otherwise(lit(JoinRules.LATE_REWARD))))
                .unionByName(rewards.quarantined());

        Column order = struct(col("timestamp"), col("source_file"), col("source_line"));
        Column payload = struct(col("reward"), col("timestamp"), col("slot_rewards"), col("click_position"));
        Dataset<Row> perEvent = classified.filter(col("_status").equalTo("ok")).groupBy("event_id").agg(
                count(lit(1)).cast("int").as("_count"), sum("reward").as("_sum"),
                min_by(payload, order).as("_first"), max_by(payload, order).as("_last"));
        String chosen = rules.aggregation() == JoinRules.Aggregation.FIRST ? "_first" : "_last";
        Column reward = rules.aggregation() == JoinRules.Aggregation.SUM ? col("_sum") : col(chosen + ".reward");

        double ratio = rules.trainRatio();
        UserDefinedFunction split = udf((UDF1<String, String>) id -> Split.of(id, ratio), DataTypes.StringType);
        Dataset<Row> joined = kept.join(perEvent, "event_id", "left")
                .withColumn("reward_observed", col("_count").isNotNull())
                .withColumn("reward", coalesce(reward, lit(rules.defaultReward())))
                .withColumn("reward_timestamp", col(chosen + ".timestamp"))
                .withColumn("reward_count", coalesce(col("_count"), lit(0)))
                .withColumn("slot_rewards", col(chosen + ".slot_rewards"))
                .withColumn("click_position", col(chosen + ".click_position"))
                .withColumn("split", split.apply(col("event_id")))
                .withColumn("date", date_format(col("timestamp"), "yyyy-MM-dd"))
                .withColumn("hour", hour(col("timestamp")));
        if (rules.dropUnrewarded()) {
            joined = joined.filter(col("reward_observed"));
        }
        Dataset<Row> interactions = joined.select(ReadResult.tableColumns(Tables.INTERACTIONS).toArray(new Column[0]));

        JobSummary summary = summarize(decisions, rewards, ranked, classified, rules);
        return new Result(interactions, duplicates.unionByName(decisions.quarantined()), rewardQuarantine, summary,
                List.of(ranked, classified));
    }

    private static JobSummary summarize(ReadResult decisions, ReadResult rewards, Dataset<Row> ranked,
                                    Dataset<Row> classified, JoinRules rules) {
        Row d = ranked.agg(count(lit(1)), sum(when(col("_rank").gt(1), 1).otherwise(0))).first();
        long kept = d.getLong(0) - (d.isNullAt(1) ? 0 : d.getLong(1));
        long duplicates = d.isNullAt(1) ? 0 : d.getLong(1);
        Row r = classified.agg(
                sum(when(col("_status").equalTo("ok"), 1).otherwise(0)),
                sum(when(col("_status").equalTo("late"), 1).otherwise(0)),
                sum(when(col("_status").equalTo("orphan"), 1).otherwise(0)),
                expr("count(DISTINCT CASE WHEN _status = 'ok' THEN event_id END)")).first();
        long used = r.isNullAt(0) ? 0 : r.getLong(0);
        long late = r.isNullAt(1) ? 0 : r.getLong(1);
        long orphaned = r.isNullAt(2) ? 0 : r.getLong(2);
        long rewarded = r.getLong(3);
        long defaulted = rules.dropUnrewarded() ? 0 : kept - rewarded;
        long dropped = rules.dropUnrewarded() ? kept - rewarded : 0;
        long quarantined = decisions.quarantinedCount() + duplicates + rewards.quarantinedCount() + late + orphaned;
        JobSummary s = new JobSummary("join")
                .put("decisions", decisions.total())
                .put("rewards", rewards.total())
                .put("joined", rewarded)
                .put("defaulted", defaulted)
                .put("dropped_unrewarded", dropped)
                .put("interactions", rewarded + defaulted)
                .put("rewards_used", used)
                .put("late", late)
                .put("orphaned", orphaned)
                .put("duplicate_decisions", duplicates)
                .put("invalid_decisions", decisions.quarantinedCount())
                .put("invalid_rewards", rewards.quarantinedCount())
                .put("quarantined", quarantined);
        boolean decisionsAddUp = decisions.total()
                == rewarded + defaulted + dropped + duplicates + decisions.quarantinedCount();
        boolean rewardsAddUp = rewards.total() == used + late + orphaned + rewards.quarantinedCount();
        if (!decisionsAddUp || !rewardsAddUp) {
            throw new IllegalStateException("join counts do not add up: " + s.values());
        }
        return s;
    }

    /** Rows of a table's valid-with-source shape plus {@code reason}, in the quarantine schema's column order. */
    private static Dataset<Row> asQuarantine(TableSchema table, Dataset<Row> rows) {
        List<Column> cols = ReadResult.tableColumns(table);
        cols.add(col("reason"));
        cols.add(col("source_file"));
        cols.add(col("source_line"));
        cols.add(lit(null).cast("string").as("raw"));
        return rows.select(cols.toArray(new Column[0]));
    }
}
