package io.rewind.jobs.online;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.online.Environments.Environment;
import io.rewind.rl.bandit.BanditDecision;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.SlateDecision;
import io.rewind.rl.sim.MovieLensCascade;
import io.rewind.rl.sim.RandomSlate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * {@code rewind simulate-online}: the experimentation loop. Each learner, and a uniform-random baseline, plays the
 * environment for N rounds; the job writes what each logged (decisions and rewards, as Rewind tables), a regret
 * table, and a PNG of cumulative regret per learner against random. Top-k environments log the ranked list with
 * each slot's probability given the slots above ({@code slate}, {@code slot_probs}) and the cascade feedback
 * ({@code click_position}, {@code slot_rewards} with 0 below the click).
 */
public final class SimulateOnlineJob {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private SimulateOnlineJob() {
    }

    /** What one round logged and earned. */
    private record Played(Row decision, Row reward, double realised, double expected, double optimal) {
    }

    /**
     * Runs every learner and the random baseline; with a format for the {@code logs}, writes what each logged as
     * Rewind tables through the session {@code spark} gives; without, starts no Spark session at all.
     */
    public static JobSummary run(Supplier<SparkSession> spark, String env, Environments.Settings settings,
                                 List<String> learners, int rounds, long seed, String output,
                                 Optional<TableFormat> logs) {
        Environment environment = Environments.create(env, settings, rounds, seed);
        List<String> names = new ArrayList<>(learners);
        names.add("random");
        StringBuilder table = new StringBuilder("learner,round,reward,optimal,regret,cumulative_regret,"
                + "rolling_mean_reward\n");
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Cumulative regret (" + env + ")")
                .xAxisTitle("round").yAxisTitle("cumulative regret").build();
        JobSummary summary = new JobSummary("simulate-online").put("environment", env).put("rounds", rounds)
                .put("top_k", environment.topK());
        for (String name : names) {
            LinearLearner learner = name.equals("random") ? null : Learners.create(name, environment.features(), seed);
            String label = name.replace(':', '_').replace('=', '-');
            SplittableRandom envRng = new SplittableRandom(seed);
            SplittableRandom rng = new SplittableRandom(seed + 1);
            double cumulative = 0;
            double[] window = new double[100];
            double windowSum = 0;
            double[] xs = new double[rounds];
            double[] ys = new double[rounds];
            List<Row> decisions = new ArrayList<>();
            List<Row> rewards = new ArrayList<>();
            for (int t = 0; t < rounds; t++) {
                Environment.Round round = environment.round(t, envRng);
                String id = label + "-" + seed + "-" + t;
                Instant at = START.plus(t, ChronoUnit.SECONDS);
                Played p = environment.topK() == 1 ? single(learner, round, id, at, envRng, rng)
                        : slate(learner, round, environment.topK(), id, at, envRng, rng);
                double regret = p.optimal() - p.expected();
                cumulative += regret;
                windowSum += p.realised() - window[t % 100];
                window[t % 100] = p.realised();
                xs[t] = t + 1;
                ys[t] = cumulative;
                table.append(String.format("%s,%d,%.1f,%.6f,%.6f,%.6f,%.4f%n", label, t + 1, p.realised(),
                        p.optimal(), regret, cumulative, windowSum / Math.min(t + 1, 100)));
                decisions.add(p.decision());
                rewards.add(p.reward());
            }
            chart.addSeries(label, xs, ys).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            summary.put("cumulative_regret_" + label, Math.round(cumulative * 100) / 100.0);
            if (logs.isPresent()) {
                TableFormat format = logs.get();
                String dir = output + "/" + label;
                TableWriter.write(spark.get().createDataFrame(decisions, SparkSchemas.of(Tables.DECISIONS)),
                        Tables.DECISIONS, format, dir + "/decisions");
                TableWriter.write(spark.get().createDataFrame(rewards, SparkSchemas.of(Tables.REWARDS)), Tables.REWARDS,
                        format, dir + "/rewards");
            }
        }
        try {
            Files.createDirectories(Path.of(output));
            Files.writeString(Path.of(output, "regret.csv"), table);
            BitmapEncoder.saveBitmap(chart, Path.of(output, "regret").toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the regret table or plot under " + output, e);
        }
        return summary.put("output", output);
    }

    private static Played single(LinearLearner learner, Environment.Round round, String id, Instant at,
                                 SplittableRandom envRng, SplittableRandom rng) {
        int k = round.candidates().size();
        double[] probs;
        int chosen;
        if (learner == null) {
            probs = new double[k];
            Arrays.fill(probs, 1.0 / k);
            chosen = rng.nextInt(k);
        } else {
            BanditDecision d = learner.decide(round.x(), round.candidates(), rng);
            probs = d.probabilities();
            chosen = d.chosen();
        }
        double reward = envRng.nextDouble() < round.expected()[chosen] ? 1 : 0;
        if (learner != null) {
            learner.learn(round.x(), round.candidates(), chosen, reward, probs[chosen]);
        }
        Row decision = SparkRows.toRow(Tables.DECISIONS, Tables.DECISIONS.row("event_id", id, "timestamp", at,
                "model_id", learnerId(learner), "user_id", round.user(), "context", round.x(), "actions",
                round.candidates(), "action", round.candidates().get(chosen).id(), "action_prob", probs[chosen],
                "sample_prob", rng.nextDouble(), "action_probs", probs));
        Row rewardRow = SparkRows.toRow(Tables.REWARDS, Tables.REWARDS.row("event_id", id, "timestamp",
                at.plusSeconds(1), "reward", reward));
        return new Played(decision, rewardRow, reward, round.expected()[chosen],
                Arrays.stream(round.expected()).max().orElse(0));
    }

    private static Played slate(LinearLearner learner, Environment.Round round, int k, String id, Instant at,
                                SplittableRandom envRng, SplittableRandom rng) {
        int n = round.candidates().size();
        SlateDecision s;
        if (learner == null) {
            double[] first = new double[n];
            Arrays.fill(first, 1.0 / n);
            s = new SlateDecision(RandomSlate.draw(n, k, rng), RandomSlate.slotProbabilities(n, k), first);
        } else {
            s = learner.decideSlate(round.x(), round.candidates(), k, rng);
        }
        double[] feedback = MovieLensCascade.feedback(round.expected(), s.ranking(), envRng);
        if (learner != null) {
            learner.learnSlate(round.x(), round.candidates(), s, feedback);
        }
        Integer click = null;
        double[] slotRewards = new double[k];
        for (int j = 0; j < k; j++) {
            if (feedback[j] == 1) {
                click = j;
            }
            slotRewards[j] = Double.isNaN(feedback[j]) ? 0 : feedback[j];
        }
        String[] ids = Arrays.stream(s.ranking()).mapToObj(i -> round.candidates().get(i).id())
                .toArray(String[]::new);
        Row decision = SparkRows.toRow(Tables.DECISIONS, Tables.DECISIONS.row("event_id", id, "timestamp", at,
                "model_id", learnerId(learner), "user_id", round.user(), "context", round.x(), "actions",
                round.candidates(), "action", ids[0], "action_prob", s.slotProbabilities()[0], "slate", ids,
                "slot_probs", s.slotProbabilities(), "sample_prob", rng.nextDouble(), "action_probs",
                s.firstSlot()));
        double reward = click == null ? 0 : 1;
        Row rewardRow = SparkRows.toRow(Tables.REWARDS, Tables.REWARDS.row("event_id", id, "timestamp",
                at.plusSeconds(1), "reward", reward, "slot_rewards", slotRewards, "click_position", click));
        return new Played(decision, rewardRow, reward, MovieLensCascade.expectedReward(round.expected(), s.ranking()),
                MovieLensCascade.optimalReward(round.expected(), k));
    }

    private static String learnerId(LinearLearner learner) {
        return learner == null ? "random" : learner.name();
    }
}
