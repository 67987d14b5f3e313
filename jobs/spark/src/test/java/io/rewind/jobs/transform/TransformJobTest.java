package io.rewind.jobs.transform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.TableReader;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.bandit.BanditDecision;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.batch.RlPolicy;
import io.rewind.rl.batch.Transitions;
import io.rewind.rl.env.BehaviourPolicy;
import io.rewind.rl.env.EpisodeCollector;
import io.rewind.rl.env.Simulator;
import io.rewind.rl.sim.LinearBanditEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rewind transform with both kinds of model, every input format, bad rows and partitioning. */
class TransformJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    static Path dir;
    static Path policy;
    static Path bandit;

    @BeforeAll
    static void models() throws Exception {
        Transitions data = Transitions.fromSteps(EpisodeCollector.collect(Simulator.CARTPOLE, 20, 5, BehaviourPolicy.fixed(0.5, 0.5),
                3));
        policy = dir.resolve("policy");
        try (DdqnBcq l = new DdqnBcq(DqnConfig.defaults().withEpochs(2), 4, 2)) {
            l.fitEpoch(data, new SplittableRandom(1));
            RlPolicy.describe(l, "test", data.episodes(), data.size(), Map.of(), List.of()).save(l, policy);
        }
        FeatureMap map = new FeatureMap(3, 3, 0);
        LinearLearner learner = Learners.create("thompson", map, 1);
        LinearBanditEnvironment env = new LinearBanditEnvironment(3, 20, 6, 400, 2);
        SplittableRandom r = new SplittableRandom(4);
        for (int t = 0; t < 400; t++) {
            LinearBanditEnvironment.Round round = env.round(t, r);
            BanditDecision d = learner.decide(round.x(), round.candidates(), r);
            learner.learn(round.x(), round.candidates(), d.chosen(), r.nextDouble() < round.expected()[d.chosen()]
                    ? 1 : 0, d.chosenProbability());
        }
        bandit = dir.resolve("bandit.json");
        BanditModel.of(learner, BanditModel.Provenance.now("synthetic", 400, Map.of())).save(bandit);
    }

    static TransformConfig config(Path model, Path input, TableFormat in, String out, boolean join, String id,
                                  double maxBad) {
        return new TransformConfig(model.toString(), List.of(input.toString()), in, dir.resolve(out).toString(),
                TableFormat.PARQUET, join, 7, "state", AT, null, 16, maxBad, id);
    }

    @Test
    void policyScoresJsonLinesAndParquetStatesAndQuarantinesBadRows() throws Exception {
        Path lines = dir.resolve("states.jsonl");
        List<String> text = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 40; i++) {
            String v = String.format("[%.4f, %.4f, %.4f, %.4f]", r.nextDouble() - .5, r.nextDouble() - .5,
                    r.nextDouble() * .2 - .1, r.nextDouble() - .5);
            text.add(i % 2 == 0 ? v : "{\"state\": " + v + "}");
        }
        text.add("[0.1, 0.2, 0.3]");
        text.add("{\"state\": [0.1, \"x\", 0.3, 0.4]}");
        text.add("[0.1, 0.2,");
        Files.write(lines, text);
        JobSummary s = TransformJob.run(SPARK, config(policy, lines, TableFormat.JSONL, "rl-out", true, null, 0.1));
        assertEquals(43L, s.count("rows_in"));
        assertEquals(40L, s.count("rows_scored"));
        assertEquals(3L, s.count("rows_quarantined"));
        Dataset<Row> out = SPARK.read().parquet(dir.resolve("rl-out").toString());
        assertEquals(40, out.count(), "output rows = input rows - quarantined rows");
        List<Row> q = SPARK.read().json(dir.resolve("rl-out_quarantine").toString()).orderBy("source_line")
                .collectAsList();
        assertEquals(41L, q.get(0).getLong(q.get(0).fieldIndex("source_line")));
        assertTrue(q.get(0).getString(q.get(0).fieldIndex("reason")).contains("3 values, the policy expects 4"));
        assertTrue(q.get(1).getString(q.get(1).fieldIndex("reason")).contains("element 1 is not a number"));
        assertTrue(q.get(2).getString(q.get(2).fieldIndex("reason")).contains("not valid JSON"));
        assertTrue(q.get(2).getString(q.get(2).fieldIndex("source_file")).endsWith("states.jsonl"));
        try (DdqnBcq p = RlPolicy.load(policy)) {
            for (Row row : out.collectAsList()) {
                String input = row.getString(row.fieldIndex("input"));
                com.fasterxml.jackson.databind.JsonNode n = Json.tree(input);
                com.fasterxml.jackson.databind.JsonNode v = n.isArray() ? n : n.get("state");
                double[] st = new double[4];
                for (int k = 0; k < 4; k++) {
                    st[k] = v.get(k).asDouble();
                }
                assertEquals(p.act(st), row.getInt(row.fieldIndex("action")), "the policy's greedy action");
                List<Double> probs = row.getList(row.fieldIndex("action_probs"));
                assertEquals(1.0, probs.get(0) + probs.get(1), 1e-9);
                assertEquals(2, row.getList(row.fieldIndex("q_values")).size());
            }
        }
        Path parquet = dir.resolve("states.parquet");
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("state", DataTypes.createArrayType(DataTypes.DoubleType));
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 30; i++) {
            rows.add(RowFactory.create(i, i == 29 ? new double[] {1, 2} : new double[] {0.01 * i, 0, 0.001 * i, 0}));
        }
        SPARK.createDataFrame(rows, schema).repartition(3).write().parquet(parquet.toString());
        int loaded = ExecutorModels.restoredCount();
        JobSummary p = TransformJob.run(SPARK, config(policy, parquet, TableFormat.PARQUET, "rl-parquet", true, null,
                0.1));
        assertEquals(29L, p.count("rows_scored"));
        assertEquals(loaded, ExecutorModels.restoredCount(), "the executor restored no policy again");
        Dataset<Row> po = SPARK.read().parquet(dir.resolve("rl-parquet").toString());
        assertTrue(List.of(po.columns()).containsAll(List.of("id", "state", "action", "q_values")),
                "--join-input keeps the input columns: " + List.of(po.columns()));
        Row bad = SPARK.read().json(dir.resolve("rl-parquet_quarantine").toString()).first();
        assertTrue(bad.getString(bad.fieldIndex("raw")).contains("\"id\":29"), bad.toString());
    }

    @Test
    void parquetStatesGetTheSameRowIdsAndScoresOnTheColumnarAndTheGenericPath() throws Exception {
        Path parquet = dir.resolve("a b%c").resolve("states.parquet");
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("state", DataTypes.createArrayType(DataTypes.DoubleType));
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 90; i++) {
            rows.add(RowFactory.create(i, i == 50 ? new double[] {1, 2} : new double[] {0.01 * i, 0.02, -0.001 * i, 0}));
        }
        // three small files: Spark reads them in one partition, so the file changes inside a task
        SPARK.createDataFrame(rows, schema).repartition(3).write().parquet(parquet.toString());
        TransformJob.run(SPARK, config(policy, parquet, TableFormat.PARQUET, "columnar", false, null, 0.1));
        TransformJob.run(SPARK, config(policy, parquet, TableFormat.PARQUET, "generic", true, null, 0.1));
        Map<String, Row> columnar = new java.util.HashMap<>();
        for (Row r : SPARK.read().parquet(dir.resolve("columnar").toString()).collectAsList()) {
            columnar.put(r.getString(r.fieldIndex("row_id")), r);
        }
        List<Row> generic = SPARK.read().parquet(dir.resolve("generic").toString()).collectAsList();
        assertEquals(89, generic.size());
        assertEquals(89, columnar.size(), "one row per scored state, ids unique");
        for (Row g : generic) {
            Row c = columnar.get(g.getString(g.fieldIndex("row_id")));
            assertTrue(c != null, "the columnar path has the generic path's row id " + g.getString(g.fieldIndex("row_id")));
            assertEquals(g.getInt(g.fieldIndex("action")), c.getInt(c.fieldIndex("action")), "action");
            // the two paths gather other rows into a batch where the partitions split otherwise, and PyTorch's CPU
            // kernels may sum in another order for another batch size: equal to the network's float precision
            for (String f : List.of("action_probs", "q_values")) {
                List<Number> gv = g.getList(g.fieldIndex(f));
                List<Number> cv = c.getList(c.fieldIndex(f));
                assertEquals(gv.size(), cv.size(), f);
                for (int i = 0; i < gv.size(); i++) {
                    double x = gv.get(i).doubleValue();
                    assertEquals(x, cv.get(i).doubleValue(), 1e-6 * Math.max(1, Math.abs(x)), f + "[" + i + "]");
                }
            }
        }
        Row bad = SPARK.read().json(dir.resolve("columnar_quarantine").toString()).first();
        Row badGeneric = SPARK.read().json(dir.resolve("generic_quarantine").toString()).first();
        for (String f : List.of("row_id", "source_file", "source_line")) {
            assertEquals(badGeneric.get(badGeneric.fieldIndex(f)), bad.get(bad.fieldIndex(f)), f);
        }
    }

    static Path requests(String name, int rows, int files) throws Exception {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        SplittableRandom r = new SplittableRandom(5);
        List<List<String>> parts = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < rows; i++) {
            StringBuilder a = new StringBuilder("[");
            int n = 4 + (i % 3);
            for (int c = 0; c < n; c++) {
                a.append(c == 0 ? "" : ", ").append(String.format("[%.3f, %.3f, %.3f]", r.nextDouble() - .5,
                        r.nextDouble() - .5, r.nextDouble() - .5));
            }
            a.append(']');
            parts.get(i % files).add(String.format("{\"shared_context\": [%.3f, %.3f, %.3f], \"actions_context\": %s,"
                    + " \"top_k\": 3, \"user_id\": \"u%d\"}", r.nextDouble(), r.nextDouble(), r.nextDouble(), a, i));
        }
        parts.get(0).add("{\"shared_context\": [0.1, 0.2, 0.3], \"actions_context\": [], \"top_k\": 1,"
                + " \"user_id\": \"empty\"}");
        parts.get(0).add("{\"shared_context\": [0.1, 0.2, 0.3], \"actions_context\": [[1, 2, 3]], \"top_k\": 2,"
                + " \"user_id\": \"short\"}");
        parts.get(0).add("{\"shared_context\": [0.1, 0.2], \"actions_context\": [[1, 2, 3]], \"top_k\": 1,"
                + " \"user_id\": \"narrow\"}");
        parts.get(0).add("{\"shared_context\": [0.1, 0.2, 0.3], \"actions_context\": [[1, 2]], \"top_k\": 1,"
                + " \"user_id\": \"features\"}");
        for (int f = 0; f < files; f++) {
            Files.write(d.resolve("part-" + f + ".jsonl"), parts.get(f));
        }
        return d;
    }

    @Test
    void banditDecisionsAreTheSameHoweverTheInputIsSplitAndJoinAsDecisions() throws Exception {
        Path one = requests("requests-1", 60, 1);
        Path three = requests("requests-3", 60, 3);
        TransformConfig c1 = new TransformConfig(bandit.toString(), List.of(one.toString()), TableFormat.JSONL,
                dir.resolve("b1").toString(), TableFormat.JSONL, false, 7, "state", AT,
                dir.resolve("b1-decisions").toString(), 8, 0.1, "user_id");
        JobSummary s1 = TransformJob.run(SPARK, c1);
        assertEquals(64L, s1.count("rows_in"));
        assertEquals(4L, s1.count("rows_quarantined"), "empty candidates, top_k too large, two wrong lengths");
        TransformJob.run(SPARK, new TransformConfig(bandit.toString(), List.of(three.toString()), TableFormat.JSONL,
                dir.resolve("b3").toString(), TableFormat.JSONL, false, 7, "state", AT, null, 5, 0.1, "user_id"));
        List<Row> a = SPARK.read().json(dir.resolve("b1").toString()).orderBy("user_id").collectAsList();
        List<Row> b = SPARK.read().json(dir.resolve("b3").toString()).orderBy("user_id").collectAsList();
        assertEquals(60, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (String f : List.of("event_id", "actions", "action_probs", "action", "sample_prob")) {
                assertEquals(a.get(i).get(a.get(i).fieldIndex(f)), b.get(i).get(b.get(i).fieldIndex(f)),
                        f + " of " + a.get(i).getString(a.get(i).fieldIndex("user_id")));
            }
            assertEquals(3, a.get(i).getList(a.get(i).fieldIndex("actions")).size(), "top 3");
        }
        var decisions = TableReader.read(SPARK, Tables.DECISIONS, TableFormat.PARQUET,
                dir.resolve("b1-decisions").toString());
        assertEquals(60, decisions.validCount(), "the decisions are valid Rewind decisions");
        assertEquals(0, decisions.quarantinedCount());
        Row d = decisions.valid().filter(col("user_id").equalTo("u7")).first();
        Row o = a.stream().filter(x -> x.getString(x.fieldIndex("user_id")).equals("u7")).findFirst().orElseThrow();
        assertEquals(o.getString(o.fieldIndex("event_id")), d.getString(d.fieldIndex("event_id")));
        assertEquals(o.getDouble(o.fieldIndex("action_prob")), d.getDouble(d.fieldIndex("action_prob")), 1e-12);

        IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> TransformJob.run(SPARK,
                c1));
        assertTrue(again.getMessage().contains("--decisions " + c1.decisions() + " already holds a table; give a"
                + " new path, or add --overwrite"), again.getMessage());
        TransformConfig overwrite = new TransformConfig(c1.model(), c1.input(), c1.inputFormat(), c1.output(),
                c1.outputFormat(), false, 7, "state", AT, c1.decisions(), 8, 0.1, "user_id", true);
        assertEquals(64L, TransformJob.run(SPARK, overwrite).count("rows_in"), "--overwrite replaces the table");

        Path file = Files.writeString(dir.resolve("a-file"), "keep me");
        IllegalArgumentException onFile = assertThrows(IllegalArgumentException.class, () -> TransformJob.run(SPARK,
                new TransformConfig(bandit.toString(), List.of(one.toString()), TableFormat.JSONL, file.toString(),
                        TableFormat.JSONL, false, 7, "state", AT, null, 8, 0.1, "user_id")));
        assertTrue(onFile.getMessage().contains(file + " is an existing file"), onFile.getMessage());
        assertEquals("keep me", Files.readString(file), "the file is untouched");
    }

    @Test
    void deltaInAndOut() throws Exception {
        Path delta = dir.resolve("states.delta");
        StructType schema = new StructType().add("state", DataTypes.createArrayType(DataTypes.FloatType));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(RowFactory.create((Object) new float[] {0.01f * i, 0f, -0.001f * i, 0f}));
        }
        rows.add(RowFactory.create((Object) new float[] {1f}));
        SPARK.createDataFrame(rows, schema).write().format("delta").save(delta.toString());
        JobSummary s = TransformJob.run(SPARK, new TransformConfig(policy.toString(), List.of(delta.toString()),
                TableFormat.DELTA, dir.resolve("delta-out").toString(), TableFormat.DELTA, false, 7, "state", AT, null,
                16, 0.1, null));
        assertEquals(12L, s.count("rows_scored"));
        assertEquals(1L, s.count("rows_quarantined"));
        assertEquals(12, SPARK.read().format("delta").load(dir.resolve("delta-out").toString()).count());
    }

    @Test
    void tooManyBadRowsFailTheJobAndNameTheQuarantine() throws Exception {
        Path lines = dir.resolve("mostly-bad.jsonl");
        Files.write(lines, List.of("[0.1, 0.2, 0.3, 0.4]", "[1]", "nonsense", "{\"s\": 1}"));
        BadFractionExceededException e = assertThrows(BadFractionExceededException.class, () -> TransformJob.run(SPARK,
                config(policy, lines, TableFormat.JSONL, "bad-out", false, null, 0.05)));
        assertTrue(e.getMessage().contains("bad-out_quarantine"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("bad-out_quarantine")), "the bad rows are kept");
    }
}
