package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.Json;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.env.LatentMdp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's bandit examples, run as the README shows them and in its order, in one folder (paths rebased there):
 * they chain without collisions, and the evaluation covers the true value the simulator printed.
 */
class ReadmeExamplesTest {
    /** The options whose values are paths, rebased into the test's folder. */
    static final Set<String> PATH_OPTIONS = Set.of("--output", "--decisions", "--rewards", "--data", "--target",
            "--report", "--chart", "--model", "--warm-start", "--target-model", "--incumbent-model", "--candidate",
            "--registry", "--status-file");

    @TempDir
    Path dir;

    /** Every {@code ./rewind} command in the README's bash blocks, continuation lines joined, comments removed. */
    static List<String> readmeCommands() throws IOException {
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        List<String> out = new ArrayList<>();
        Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            for (String line : block.group(1).replaceAll("\\\\\n\\s*", "").split("\n")) {
                String command = line.replaceAll("\\s+#.*$", "").trim();
                if (command.startsWith("./rewind ")) {
                    out.add(command.substring("./rewind ".length()));
                }
            }
        }
        return out;
    }

    /** The first README command that starts with {@code prefix}. */
    static String readme(List<String> commands, String prefix) {
        return commands.stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("the README shows no `./rewind " + prefix + " ...`"));
    }

    int run(String command, String... extra) {
        List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        args.addAll(List.of(extra));
        for (int i = 1; i < args.size(); i++) {
            boolean path = PATH_OPTIONS.contains(args.get(i - 1)) || args.get(i).contains("/");
            if (path && !args.get(i).startsWith("-")) {
                args.set(i, dir.resolve(args.get(i)).toString());
            }
        }
        return Rewind.execute(args.toArray(new String[0]));
    }

    @Test
    void theBanditExamplesChainAndTheEvaluationCoversTheTruth() throws Exception {
        List<String> commands = readmeCommands();
        assertEquals(0, run(readme(commands, "simulate --output logs"), "--status-file", "status/simulate.json"));
        double truth = Json.tree(dir.resolve("status/simulate.json")).get("summary")
                .get("target_true_value").asDouble();
        assertEquals(0, run(readme(commands, "join --decisions logs/decisions")));
        JsonNode joined = Json.tree(dir.resolve("data/interactions_summary.json"));
        java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(shown, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, run(readme(commands, "show data/interactions_quarantine")));
        } finally {
            System.setOut(stdout);
        }
        String show = shown.toString(java.nio.charset.StandardCharsets.UTF_8);
        // decisions/ and rewards/, each with its rows by reason
        long byReason = show.lines().filter(l -> l.matches("    +[0-9,]+  .*"))
                .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[0].replace(",", ""))).sum();
        assertTrue(show.contains("/decisions\n") && show.contains("/rewards\n"), show);
        assertEquals(joined.get("quarantined").asLong(), byReason, show);
        assertTrue(byReason > 0, "the README's log has malformed rows to show: " + show);
        assertTrue(show.contains("kind      delta, version "), show);

        assertEquals(0, run(readme(commands, "evaluate bandit --data data/interactions --split eval --observed-only")));
        JsonNode report = Json.tree(dir.resolve("eval.json"));
        JsonNode dr = null;
        for (JsonNode e : report.get("target")) {
            if (e.get("estimator").asText().equals("DR")) {
                dr = e;
            }
        }
        assertTrue(dr != null, report.toString());
        double lower = dr.get("normal").get("lower").asDouble();
        double upper = dr.get("normal").get("upper").asDouble();
        assertTrue(lower <= truth && truth <= upper, "DR [" + lower + ", " + upper + "] covers " + truth);
        assertEquals(truth, report.get("true_value").asDouble(), 1e-9, "the README passes simulate's truth");
        assertTrue(report.get("unrewarded").get("dropped").asBoolean(), report.get("unrewarded").toString());
        assertTrue(report.get("unrewarded").get("count").asLong() > 0, "the simulator leaves some unrewarded");
        assertTrue(Files.size(dir.resolve("eval.png")) > 1000, "the chart");

        assertEquals(0, run(readme(commands, "train-bandit --data data/interactions --learner linucb")));
        assertEquals(0, run(readme(commands, "train-bandit --data data/interactions --warm-start")));
        assertEquals(0, run(readme(commands, "train-bandit --data data/interactions --learner linucb --reduction mtr"
                + " --training sequential")));
        double[] merged = BanditModel.load(dir.resolve("models/linucb.json")).scorers().get(0).theta();
        double[] inOrder = BanditModel.load(dir.resolve("models/linucb-in-order.json")).scorers().get(0).theta();
        for (int i = 0; i < inOrder.length; i++) {
            assertEquals(inOrder[i], merged[i], 1e-9 * Math.max(1, Math.abs(inOrder[i])), "θ[" + i + "]");
        }
        assertEquals(0, run(readme(commands, "evaluate bandit --data data/interactions --split eval --target-model")));
        assertEquals(0, run(readme(commands, "promote --registry registry/")));
        assertEquals(0, run(readme(commands, "registry list")));
        assertEquals(0, run(readme(commands, "registry history")));
        assertTrue(Files.exists(dir.resolve("models/linucb-2.json")) && Files.exists(dir.resolve("registry")));
        assertTrue(Files.exists(dir.resolve("logs/decisions")), "nothing overwrote the logs the join read");
    }

    @Test
    void theLatentMdpExamplesLearnNearTheKnownOptimum() throws Exception {
        List<String> commands = readmeCommands();
        assertEquals(0, run(readme(commands, "simulate-rl --env latent-mdp"), "--status-file", "status/sim.json"));
        assertEquals(0, run(readme(commands, "train-rl --data data/latent")));
        assertEquals(0, run(readme(commands, "evaluate-rl --env latent-mdp"), "--status-file", "status/eval.json"));
        // the optimum and the uniform behaviour's value, by this test's own value iteration over the MDP's tables
        double[] best = new double[LatentMdp.HIDDEN_STATES];
        double[] uniform = new double[LatentMdp.HIDDEN_STATES];
        for (int it = 0; it < 1_000; it++) {
            double[] b = new double[best.length];
            double[] u = new double[uniform.length];
            for (int h = 0; h < b.length; h++) {
                b[h] = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < LatentMdp.ACTIONS; a++) {
                    double r = LatentMdp.meanReward(h, a);
                    int next = LatentMdp.next(h, a);
                    b[h] = Math.max(b[h], r + LatentMdp.CONTINUE * best[next]);
                    u[h] += (r + LatentMdp.CONTINUE * uniform[next]) / LatentMdp.ACTIONS;
                }
            }
            best = b;
            uniform = u;
        }
        double optimum = Arrays.stream(best).average().orElseThrow();
        double behaviour = Arrays.stream(uniform).average().orElseThrow();
        JsonNode logged = Json.tree(dir.resolve("status/sim.json")).get("summary");
        JsonNode eval = Json.tree(dir.resolve("status/eval.json")).get("summary");
        assertEquals(optimum, eval.get("optimal_mean_return").asDouble(), 1e-4);
        assertEquals(behaviour, logged.get("mean_return").asDouble(), 0.2, "10,000 uniform episodes");
        double learned = eval.get("mean_return").asDouble();
        double se = eval.get("sd_return").asDouble() / Math.sqrt(10_000);
        System.out.printf("latent-mdp README: learned %.3f ± %.3f, optimum %.3f, uniform behaviour %.3f%n", learned,
                se, optimum, behaviour);
        assertTrue(learned >= behaviour + 0.75 * (optimum - behaviour), "learned " + learned + ", optimum " + optimum
                + ", behaviour " + behaviour);
        assertTrue(learned <= optimum + 4 * se, "no policy beats the optimum: " + learned);
    }

    @Test
    void theStatlogExamplePlaysTheWholeFileWithoutLogs() throws Exception {
        String command = readme(readmeCommands(), "simulate-online --env statlog");
        assertTrue(command.contains("--no-logs"), command);
        Path shuttle = dir.resolve("data/statlog-shuttle/shuttle.trn.gz");
        Files.createDirectories(shuttle.getParent());
        Files.copy(Path.of("..", "..", "data", "statlog-shuttle", "shuttle.trn.gz"), shuttle);
        assertEquals(0, run(command));
        Path out = dir.resolve("out/statlog");
        List<String> lines = Files.readAllLines(out.resolve("regret.csv"));
        long learners = lines.stream().skip(1).map(l -> l.split(",")[0]).distinct().count();
        assertEquals(1 + learners * 43_483, lines.size(), "one pass over the 43,483 rows per learner and random");
        assertTrue(learners >= 3, lines.get(1));
        try (var files = Files.list(out)) {
            assertEquals(List.of("regret.csv", "regret.png"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "--no-logs writes only the regret table and plot");
        }
    }
}
