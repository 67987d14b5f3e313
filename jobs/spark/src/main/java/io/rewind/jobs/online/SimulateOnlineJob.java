package io.rewind.jobs.online;

import io.rewind.formats.Candidate;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.bandit.BanditDecision;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.sim.ClassificationBandit;
import io.rewind.rl.sim.LinearBanditEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * {@code rewind simulate-online}: the experimentation loop. Each learner, and a uniform-random baseline, plays the
 * environment for N rounds; the job writes what each logged (decisions and rewards, as Rewind tables), a regret
 * table, and a PNG of cumulative regret per learner against random.
 */
public final class SimulateOnlineJob {
    private SimulateOnlineJob() {
    }

    /** The environment, behind one shape: a round's context, candidates and each candidate's expected reward. */
    interface Environment {
        record Round(double[] x, List<Candidate> candidates, double[] expected) {
        }

        Round round(int t, SplittableRandom r);

        FeatureMap features();
    }

    public static JobSummary run(SparkSession spark, String env, String statlogPath, List<String> learners,
                                 int rounds, long seed, String output, TableFormat format) {
        Environment environment = environment(env, statlogPath, rounds, seed);
        List<String> names = new ArrayList<>(learners);
        names.add("random");
        StringBuilder table = new StringBuilder("learner,round,reward,optimal,regret,cumulative_regret,"
                + "rolling_mean_reward\n");
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Cumulative regret (" + env + ")")
                .xAxisTitle("round").yAxisTitle("cumulative regret").build();
        JobSummary summary = new JobSummary("simulate-online").put("environment", env).put("rounds", rounds);
        for (String name : names) {
            LinearLearner learner = name.equals("random") ? null : Learners.create(name, environment.features(), seed);
            SplittableRandom envRng = new SplittableRandom(seed);
            SplittableRandom rng = new SplittableRandom(seed + 1);
            double cumulative = 0;
            double[] window = new double[100];
            double windowSum = 0;
            double[] xs = new double[rounds];
            double[] ys = new double[rounds];
            List<Row> decisions = new ArrayList<>();
            List<Row> rewards = new ArrayList<>();
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            for (int t = 0; t < rounds; t++) {
                Environment.Round round = environment.round(t, envRng);
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
                double optimal = Arrays.stream(round.expected()).max().orElse(0);
                double regret = optimal - round.expected()[chosen];
                cumulative += regret;
                windowSum += reward - window[t % 100];
                window[t % 100] = reward;
                xs[t] = t + 1;
                ys[t] = cumulative;
                table.append(String.format("%s,%d,%.1f,%.6f,%.6f,%.6f,%.4f%n", name, t + 1, reward, optimal, regret,
                        cumulative, windowSum / Math.min(t + 1, 100)));
                String id = name + "-" + seed + "-" + t;
                Instant at = start.plus(t, ChronoUnit.SECONDS);
                decisions.add(SparkRows.toRow(Tables.DECISIONS, new Object[] {id, at, name, null, round.x(), null,
                        round.candidates(), round.candidates().get(chosen).id(), probs[chosen], null, null,
                        rng.nextDouble(), probs}));
                rewards.add(SparkRows.toRow(Tables.REWARDS, new Object[] {id, at.plusSeconds(1), reward, null, null}));
            }
            chart.addSeries(name, xs, ys).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            summary.put("cumulative_regret_" + name, Math.round(cumulative * 100) / 100.0);
            String dir = output + "/" + name;
            TableWriter.write(spark.createDataFrame(decisions, SparkSchemas.of(Tables.DECISIONS)), Tables.DECISIONS,
                    format, dir + "/decisions");
            TableWriter.write(spark.createDataFrame(rewards, SparkSchemas.of(Tables.REWARDS)), Tables.REWARDS, format,
                    dir + "/rewards");
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

    static Environment environment(String env, String statlogPath, int rounds, long seed) {
        switch (env) {
            case "synthetic": {
                LinearBanditEnvironment e = new LinearBanditEnvironment(5, 40, 10, rounds, seed);
                return new Environment() {
                    public Round round(int t, SplittableRandom r) {
                        LinearBanditEnvironment.Round x = e.round(t, r);
                        return new Round(x.x(), x.candidates(), x.expected());
                    }

                    public FeatureMap features() {
                        return new FeatureMap(5, 5, 0);
                    }
                };
            }
            case "statlog": {
                if (statlogPath == null) {
                    throw new IllegalArgumentException("--env statlog needs --data PATH to shuttle.trn (or any numeric"
                            + " CSV with the label last)");
                }
                ClassificationBandit data;
                try {
                    data = ClassificationBandit.read(Path.of(statlogPath), 0.0005);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + statlogPath, e);
                }
                List<Candidate> arms = data.candidates();
                int[] order = data.order(seed);
                return new Environment() {
                    public Round round(int t, SplittableRandom r) {
                        int row = order[t % order.length];
                        double[] expected = new double[arms.size()];
                        for (int a = 0; a < expected.length; a++) {
                            expected[a] = data.reward(row, a);
                        }
                        return new Round(data.context(row), arms, expected);
                    }

                    public FeatureMap features() {
                        return new FeatureMap(data.dim(), 0, data.classes(), 0);
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown environment '" + env + "', expected synthetic or statlog");
        }
    }
}
