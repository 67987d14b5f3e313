package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.Json;
import io.rewind.formats.spark.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs for every command that reads data or models: each ends with its exit code (2 bad input or arguments,
 * 3 too many bad rows), one line naming the file or option and what is wrong, no stack trace, and for the rows
 * that could be read, rows in = rows out + quarantined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
    @TempDir
    static Path dir;
    Path in;
    List<String> decisionLines;
    String rewards;
    String interactions;
    String model;
    String policy;
    String episodes;

    /** One bad input: what to run, the exit code, what the message must say, and for joins what the rows must be. */
    record Case(String name, int exit, String message, String... args) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void logs() throws IOException {
        LocalSpark.forTests();
        in = Files.createDirectories(dir.resolve("in"));
        String logs = dir.resolve("logs").toString();
        ok("simulate", "--output", logs, "--rows", "400", "--missing-rewards", "0", "--duplicate-rewards", "0",
                "--partitions", "1", "--target-epsilon", "0.1");
        decisionLines = Files.readAllLines(onlyPart(Path.of(logs, "decisions")));
        rewards = logs + "/rewards";
        interactions = dir.resolve("interactions").toString();
        ok("join", "--decisions", logs + "/decisions", "--rewards", rewards, "--output", interactions);
        model = dir.resolve("linucb.json").toString();
        ok("train-bandit", "--data", interactions, "--model", model);
        episodes = dir.resolve("episodes").toString();
        ok("simulate-rl", "--envs", "4", "--episodes-per-env", "2", "--output", episodes);
        ok("train-rl", "--data", episodes, "--output", dir.resolve("rl").toString(), "--epochs", "1");
        policy = dir.resolve("rl/policy").toString();
    }

    Stream<Case> cases() throws IOException {
        List<Case> c = new ArrayList<>();
        c.addAll(joinCases());
        c.addAll(modelCases());
        c.addAll(parameterCases());
        c.addAll(tableCases());
        return c.stream();
    }

    private List<Case> joinCases() throws IOException {
        byte[] garbage = new byte[3000];
        new java.util.Random(1).nextBytes(garbage);
        String text = String.join("\n", decisionLines) + "\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        List<String> nan = new ArrayList<>(decisionLines);
        nan.set(2, nan.get(2).replaceFirst("\"context\":\\[", "\"context\":[NaN,"));
        nan.set(3, nan.get(3).replaceFirst("\"action_prob\":[0-9.]+", "\"action_prob\":Infinity"));
        List<String> shortVector = new ArrayList<>(decisionLines);
        shortVector.set(4, shortVector.get(4).replaceFirst("\"context\":\\[[^,]+,", "\"context\":["));
        List<String> duplicated = new ArrayList<>(decisionLines);
        duplicated.set(5, duplicated.get(5).replaceFirst("\"event_id\":\"[^\"]+\"",
                "\"event_id\":\"" + id(duplicated.get(6)) + "\""));
        List<String> longAndUnicode = new ArrayList<>(decisionLines);
        longAndUnicode.set(7, longAndUnicode.get(7).replace(id(longAndUnicode.get(7)), "x".repeat(100_000)));
        longAndUnicode.set(8, longAndUnicode.get(8).replace(id(longAndUnicode.get(8)), "évènement-😀"));
        return List.of(
                join("garbage", 3, "were quarantined", write("garbage.jsonl", garbage)),
                join("gzip-without-gz", 0, null, write("gz.jsonl", gz.toByteArray())),
                join("crlf", 0, null, write("crlf.jsonl", text.replace("\n", "\r\n"))),
                join("bom", 0, null, write("bom.jsonl", "\uFEFF" + text)),
                join("nan-infinity", 0, null, write("nan.jsonl", String.join("\n", nan))),
                join("short-vector", 0, null, write("short.jsonl", String.join("\n", shortVector))),
                join("duplicated-id", 0, null, write("dup.jsonl", String.join("\n", duplicated))),
                join("long-and-unicode-ids", 0, null, write("ids.jsonl", String.join("\n", longAndUnicode))),
                join("empty-file", 3, "were quarantined", write("empty.jsonl", "")),
                new Case("output-is-a-file", 2, "is an existing file", "join", "--decisions", write("ok.jsonl", text),
                        "--rewards", rewards, "--output", write("a-file", "x")));
    }

    private Case join(String name, int exit, String message, String decisions) {
        return new Case(name, exit, message, "join", "--decisions", decisions, "--rewards", rewards, "--output",
                dir.resolve("out-" + name).toString(), "--max-bad-fraction", "0.05");
    }

    private List<Case> modelCases() throws IOException {
        String truncated = write("truncated.json", Files.readString(Path.of(model)).substring(0, 200));
        String rlPolicy = policy;
        return List.of(
                new Case("rl-policy-as-bandit-model", 2, "batch-RL policy", "evaluate", "bandit", "--data",
                        interactions, "--target-model", rlPolicy),
                new Case("truncated-model", 2, "truncated.json", "evaluate", "bandit", "--data", interactions,
                        "--target-model", truncated),
                new Case("truncated-warm-start", 2, "truncated.json", "train-bandit", "--data", interactions,
                        "--warm-start", truncated, "--model", dir.resolve("m-trunc.json").toString()),
                new Case("model-of-other-dimension", 2, "the model expects 3", "evaluate", "bandit", "--data", interactions,
                        "--target-model", otherDimensionModel()),
                new Case("transform-other-dimension", 3, "quarantined", "transform", "--model", otherDimensionModel(),
                        "--input", write("requests.jsonl", "{\"context\":[1,2,3,4,5]}\n"), "--output",
                        dir.resolve("scored").toString()));
    }

    private String otherDimensionModel() throws IOException {
        Path p = dir.resolve("wide.json");
        if (!Files.exists(p)) {
            String logs = dir.resolve("wide-logs").toString();
            ok("simulate", "--output", logs, "--rows", "200", "--features", "3", "--partitions", "1");
            ok("join", "--decisions", logs + "/decisions", "--rewards", logs + "/rewards", "--output",
                    dir.resolve("wide-interactions").toString(), "--max-bad-fraction", "1");
            ok("train-bandit", "--data", dir.resolve("wide-interactions").toString(), "--model", p.toString());
        }
        return p.toString();
    }

    private List<Case> parameterCases() throws IOException {
        String out = dir.resolve("m-params.json").toString();
        String badTarget = write("target-not-summing.jsonl", String.join("\n", Files.readAllLines(
                onlyPart(dir.resolve("logs/target"))).stream().map(l -> l.replaceFirst("\"action_probs\":\\[[^\\]]*\\]",
                "\"action_probs\":[0.5,0.5,0.5,0.5]")).toList()));
        return List.of(
                new Case("target-probabilities-not-summing-to-one", 3,
                        "target row unusable: action_probs: sums to 2.0, not 1", "evaluate", "bandit",
                        "--data", interactions, "--target", badTarget),
                new Case("linucb-negative-alpha", 2, "alpha", "train-bandit", "--data", interactions, "--learner",
                        "linucb:alpha=-1", "--model", out),
                new Case("bag-zero-bags", 2, "bags", "train-bandit", "--data", interactions, "--learner",
                        "bag:bags=0", "--model", out),
                new Case("negative-replicates", 2, "--bootstrap", "evaluate", "bandit", "--data", interactions,
                        "--target-model", model, "--bootstrap", "-1"),
                new Case("report-under-a-file", 2, "--report", "evaluate", "bandit", "--data", interactions,
                        "--target-model", model, "--report", dir.resolve("linucb.json/report.json").toString()),
                new Case("level-above-one", 2, "--level", "evaluate", "bandit", "--data", interactions,
                        "--target-model", model, "--level", "1.5"));
    }

    private List<Case> tableCases() throws IOException {
        SparkSession spark = LocalSpark.forTests();
        String noReward = dir.resolve("no-reward").toString();
        spark.read().format("delta").load(interactions).drop("reward").write().mode(SaveMode.Overwrite)
                .parquet(noReward);
        String parquetLogs = dir.resolve("parquet-logs").toString();
        ok("simulate", "--output", parquetLogs, "--rows", "50", "--format", "parquet", "--partitions", "1");
        String noProb = dir.resolve("no-prob").toString();
        spark.read().parquet(parquetLogs + "/decisions").drop("action_prob").write().mode(SaveMode.Overwrite)
                .parquet(noProb);
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(onlyPart(Path.of(parquetLogs, "decisions")), mixed.resolve("part-1.parquet"));
        Files.writeString(mixed.resolve("part-2.jsonl"), decisionLines.get(0) + "\n");
        Path corrupt = Files.createDirectories(dir.resolve("corrupt-episodes"));
        byte[] parquet = Files.readAllBytes(onlyPart(Path.of(episodes)));
        Files.write(corrupt.resolve("part-0.parquet"), Arrays.copyOf(parquet, parquet.length / 2));
        String emptyFolder = Files.createDirectories(dir.resolve("empty-folder")).toString();
        String badHeader = write("seed.csv", "act,probs,episode\n0,\"[0.5,0.5]\",1\n");
        return List.of(
                new Case("interactions-without-reward", 2, "reward", "train-bandit", "--data", noReward,
                        "--data-format", "parquet", "--model", dir.resolve("m-noreward.json").toString()),
                new Case("decisions-without-action-prob", 2, "action_prob", "join", "--decisions", noProb,
                        "--decisions-format", "parquet", "--rewards", rewards, "--output",
                        dir.resolve("out-noprob").toString()),
                new Case("folder-of-two-formats", 2, "part-2.jsonl", "join", "--decisions", mixed.toString(),
                        "--decisions-format", "parquet", "--rewards", rewards, "--output",
                        dir.resolve("out-mixed").toString()),
                new Case("corrupt-parquet", 2, "part-0.parquet", "train-rl", "--data", corrupt.toString(),
                        "--output", dir.resolve("rl-corrupt").toString(), "--epochs", "1"),
                new Case("empty-folder-as-delta", 2, "empty-folder", "train-bandit", "--data", emptyFolder,
                        "--model", dir.resolve("m-empty.json").toString()),
                new Case("seed-csv-wrong-header", 2, "seed.csv", "train-rl", "--data", badHeader, "--data-format",
                        "seed-csv", "--output", dir.resolve("rl-seed").toString(), "--epochs", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsInAClearMessage(Case c) throws IOException {
        String[] result = LocalInputsTest.run(c.args());
        String err = result[1];
        assertEquals(String.valueOf(c.exit()), result[0], c.name() + ": " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), c.name() + " printed a stack trace or an"
                + " exception class: " + err);
        if (c.message() != null) {
            List<String> lines = err.lines().filter(l -> l.startsWith("rewind")).toList();
            assertEquals(1, lines.size(), c.name() + ": " + err);
            assertTrue(lines.get(0).contains(c.message()), c.name() + ": " + err);
        }
        if (c.args()[0].equals("join") && c.exit() != 2) {
            JsonNode s = Json.tree(Path.of(c.args()[c.args().length - 3] + "_summary.json"));
            long decisions = s.get("decisions").asLong();
            assertEquals(decisions, s.get("interactions").asLong() + s.get("dropped_unrewarded").asLong()
                    + s.get("duplicate_decisions").asLong() + s.get("invalid_decisions").asLong(), s.toString());
            Path input = Path.of(c.args()[2]);
            if (!c.name().equals("garbage")) {
                assertEquals(text(input).lines().filter(l -> !l.isBlank()).count(), decisions,
                        c.name() + ": every line is counted: " + s);
            }
        }
    }

    /** A file's text, decompressed when it is gzip whatever its name. */
    private static String text(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        if (b.length > 1 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            b = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b)).readAllBytes();
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String id(String line) {
        return line.replaceFirst(".*\"event_id\":\"([^\"]+)\".*", "$1");
    }

    private String write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private String write(String name, byte[] bytes) throws IOException {
        return Files.write(in.resolve(name), bytes).toString();
    }

    private static Path onlyPart(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
    }

    private static void ok(String... args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            String[] r = LocalInputsTest.run(args);
            assertEquals("0", r[0], String.join(" ", args) + ": " + r[1]);
        } finally {
            System.setOut(out);
        }
    }
}
