package io.rewind.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.rl.LoggingPolicy;
import io.rewind.jobs.rl.SimulateRlJob;
import io.rewind.rl.env.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Episodes from a log as an application writes it: one CSV row per step with a text session id, a local time in
 * New York, the action by name, the state and the behaviour's probabilities in their own columns, the rows shuffled.
 * Imported through a mapping, they are the CartPole episodes they were written from, row for row.
 */
class ImportEpisodesTest {
    @TempDir
    Path dir;

    @Test
    void aStepPerRowLogBecomesTheEpisodesItWasWrittenFrom() throws Exception {
        SparkSession spark = LocalSpark.getOrCreate("import episodes test");
        String original = dir.resolve("episodes").toString();
        SimulateRlJob.run(spark, Simulator.CARTPOLE, 6, 5, LoggingPolicy.fixed(0.3, 0.7), 3, original,
                TableFormat.PARQUET);
        Dataset<Row> episodes = spark.read().parquet(original);
        // 2026-03-08 01:59:50 in New York, one step a second: the steps of the later episodes cross the change to
        // summer time, where a clock read without its zone would put them out of order
        Dataset<Row> log = episodes.select(
                concat(lit("session-"), col("episode_id").cast("string")).as("session"),
                date_format(from_utc_timestamp(lit("2026-03-08 06:59:50").cast("timestamp")
                        .plus(org.apache.spark.sql.functions.make_interval(lit(0), lit(0), lit(0), lit(0), lit(0),
                                col("episode_id").cast("int"), col("step").cast("decimal(18,6)"))),
                        "America/New_York"), "M/d/yyyy h:mm:ss a").as("at"),
                element_at(col("state"), 1).as("x0"), element_at(col("state"), 2).as("x1"),
                element_at(col("state"), 3).as("x2"), element_at(col("state"), 4).as("x3"),
                when(col("action").equalTo(0), "left").otherwise("right").as("move"),
                element_at(col("action_probs"), 1).as("p_left"), element_at(col("action_probs"), 2).as("p_right"),
                col("reward").as("r")).orderBy(rand(7));
        log.coalesce(1).write().option("header", true).csv(dir.resolve("log").toString());
        Path mapping = Files.writeString(dir.resolve("episodes.yaml"), String.join("\n",
                "source: {format: csv, path: log}",
                "episodes:",
                "  episode_id: {column: session}            # text ids: their 64-bit xxhash",
                "  step: {order_by: at, pattern: \"M/d/yyyy h:mm:ss a\", zone: America/New_York}",
                "  state: {vector: [{column: x0}, {column: x1}, {column: x2}, {column: x3}]}",
                "  action: {column: move, categories: [left, right]}",
                "  action_probs: {vector: [{column: p_left}, {column: p_right}]}",
                "  reward: {column: r}",
                "  done: {last_step: true}", ""));
        String[] r = LocalInputsTest.run("import", "--mapping", mapping.toString(), "--output",
                dir.resolve("imported").toString());
        assertEquals("0", r[0], r[1]);
        assertEquals(0, Json.tree(dir.resolve("imported/summary.json")).get("quarantined").asLong());

        List<String> columns = List.of("episode_id", "step", "state", "action", "action_probs", "reward", "done");
        Dataset<Row> expected = episodes.withColumn("episode_id",
                xxhash64(concat(lit("session-"), col("episode_id").cast("string"))));
        Dataset<Row> imported = spark.read().parquet(dir.resolve("imported/episodes").toString());
        List<Row> want = expected.selectExpr(columns.toArray(new String[0])).orderBy("episode_id", "step")
                .collectAsList();
        List<Row> got = imported.selectExpr(columns.toArray(new String[0])).orderBy("episode_id", "step")
                .collectAsList();
        assertEquals(30, want.stream().map(w -> w.getLong(0)).distinct().count());
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).toString(), got.get(i).toString(), "row " + i);
        }
        assertTrue(got.stream().filter(g -> g.getBoolean(6)).count() == 30, "one last step per episode");

        // train-rl reads the same rows through the mapping, without the import
        String[] trained = LocalInputsTest.run("train-rl", "--mapping", mapping.toString(), "--output",
                dir.resolve("rl").toString(), "--epochs", "1");
        assertEquals("0", trained[0], trained[1]);
        assertTrue(Files.isDirectory(dir.resolve("rl/policy")), "a policy was written");
        assertTrue(Files.readString(dir.resolve("rl/metrics.csv")).lines().count() >= 2, "one epoch's metrics");

        // evaluate episodes reads them through the mapping as it reads the imported table
        String policy = dir.resolve("rl/policy").toString();
        List<String> evaluate = List.of("evaluate", "episodes", "--target-policy", policy, "--bootstrap", "20",
                "--fqe-iterations", "0");
        String[] fromTable = LocalInputsTest.run(ImportSlatesTest.with(evaluate, "--data",
                dir.resolve("imported/episodes").toString(), "--data-format", "parquet", "--report",
                dir.resolve("table.json").toString()));
        assertEquals("0", fromTable[0], fromTable[1]);
        String[] fromMapping = LocalInputsTest.run(ImportSlatesTest.with(evaluate, "--mapping", mapping.toString(),
                "--report", dir.resolve("mapped.json").toString()));
        assertEquals("0", fromMapping[0], fromMapping[1]);
        var a = Json.tree(dir.resolve("table.json"));
        assertEquals(3, a.get("target").size(), a.toString());
        JsonAssertions.assertSameNumbers(a.get("target"), Json.tree(dir.resolve("mapped.json")).get("target"),
                "the estimates");
        String[] column = LocalInputsTest.run("evaluate", "episodes", "--mapping", mapping.toString(),
                "--target-column", "p_target");
        assertEquals("2", column[0], column[1]);
        assertTrue(column[1].contains("evaluate episodes --mapping: give the target as --target-policy"), column[1]);
    }
}
