package io.rewind.jobs.simulate;

import io.rewind.formats.CsvCodec;
import io.rewind.formats.JsonCodec;
import io.rewind.formats.TableFormat;
import io.rewind.formats.TableSchema;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.sim.LoggedBanditConfig;
import io.rewind.rl.sim.LoggedBanditSimulator;
import io.rewind.rl.sim.LoggedBanditSimulator.Corruption;
import io.rewind.rl.sim.LoggedBanditSimulator.Logged;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * {@code rewind simulate}: writes {@code OUTPUT/decisions} and {@code OUTPUT/rewards} logged by a simulated policy
 * on a classification-to-bandit problem, in any format, generated in parallel (partition k makes its own rows).
 */
public final class SimulateJob {
    private SimulateJob() {
    }

    public static JobSummary run(SparkSession spark, LoggedBanditConfig config, String output, TableFormat format,
                                 int partitions) {
        return run(spark, config, output, format, partitions, null);
    }

    /**
     * As {@link #run(SparkSession, LoggedBanditConfig, String, TableFormat, int)}, and with {@code targetEpsilon}
     * also {@code OUTPUT/target}: what an epsilon-greedy policy with that epsilon would have decided for the same
     * events (with its full distribution, for {@code rewind evaluate}), and its true value in the summary.
     */
    public static JobSummary run(SparkSession spark, LoggedBanditConfig config, String output, TableFormat format,
                                 int partitions, Double targetEpsilon) {
        return run(spark, new LoggedBanditSimulator(config), output, format, partitions, targetEpsilon);
    }

    /** As above, with a given simulator (for example one that logs with a saved model). */
    public static JobSummary run(SparkSession spark, LoggedBanditSimulator sim, String output, TableFormat format,
                                 int partitions, Double targetEpsilon) {
        LoggedBanditConfig config = sim.config();
        if (format == TableFormat.SEED_CSV) {
            throw new IllegalArgumentException("seed-csv holds episodes; simulate writes decisions and rewards");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parts = partitions > 0 ? partitions : jsc.defaultParallelism();
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            ids.add(k);
        }
        JavaRDD<Integer> slices = jsc.parallelize(ids, parts);
        long n = config.rows();
        LongAccumulator badDecisions = jsc.sc().longAccumulator("malformed decisions");
        LongAccumulator badRewards = jsc.sc().longAccumulator("malformed rewards");
        LongAccumulator rewards = jsc.sc().longAccumulator("rewards");
        for (TableSchema table : List.of(Tables.DECISIONS, Tables.REWARDS)) {
            boolean decisions = table.equals(Tables.DECISIONS);
            String path = output + "/" + table.name();
            JavaRDD<List<Object[]>> rows = slices.flatMap(k -> {
                List<List<Object[]>> out = new ArrayList<>();
                boolean text = format.isText();
                for (long i = k * n / parts; i < (k + 1) * n / parts; i++) {
                    Logged l = sim.row(i, text);
                    if (decisions) {
                        out.add(List.of(l.decision(), new Object[] {l.decisionCorruption()}));
                        if (l.decisionCorruption() != Corruption.NONE) {
                            badDecisions.add(1);
                        }
                    } else {
                        for (int j = 0; j < l.rewards().size(); j++) {
                            Corruption c = j == 0 ? l.rewardCorruption() : Corruption.NONE;
                            out.add(List.of(l.rewards().get(j), new Object[] {c}));
                            rewards.add(1);
                            if (c != Corruption.NONE) {
                                badRewards.add(1);
                            }
                        }
                    }
                }
                return out.iterator();
            });
            if (format.isText()) {
                boolean csv = format == TableFormat.CSV;
                JavaRDD<String> lines = rows.mapPartitions(it -> new Iterator<String>() {
                    boolean header = csv;

                    public boolean hasNext() {
                        return header || it.hasNext();
                    }

                    public String next() {
                        if (header) {
                            header = false;
                            return CsvCodec.header(table);
                        }
                        List<Object[]> r = it.next();
                        String line = csv ? CsvCodec.encodeLine(table, r.get(0)) : JsonCodec.encodeLine(table, r.get(0));
                        return LoggedBanditSimulator.mangle(line, (Corruption) r.get(1)[0]);
                    }
                });
                TableWriter.writeText(spark, lines, format, path);
            } else {
                JavaRDD<Row> sparkRows = rows.map(r -> SparkRows.toRow(table, r.get(0)));
                TableWriter.write(spark.createDataFrame(sparkRows, SparkSchemas.of(table)), table, format, path);
            }
        }
        JobSummary summary = new JobSummary("simulate");
        if (targetEpsilon != null) {
            LoggedBanditSimulator target = new LoggedBanditSimulator(config.withEpsilonGreedy(targetEpsilon));
            org.apache.spark.util.DoubleAccumulator value = jsc.sc().doubleAccumulator("target value");
            JavaRDD<Row> targetRows = slices.flatMap(k -> {
                List<Row> out = new ArrayList<>();
                for (long i = k * n / parts; i < (k + 1) * n / parts; i++) {
                    LoggedBanditSimulator.TargetDecision t = sim.targetDecision(i, target);
                    value.add(t.expectedReward());
                    out.add(SparkRows.toRow(Tables.DECISIONS, t.decision()));
                }
                return out.iterator();
            });
            TableWriter.write(spark.createDataFrame(targetRows, SparkSchemas.of(Tables.DECISIONS)), Tables.DECISIONS,
                    format, output + "/target");
            summary.put("target_policy", "epsilon-greedy " + targetEpsilon)
                    .put("target_true_value", JobSummary.round(value.value() / n, 6));
        }
        return summary
                .put("decisions", n)
                .put("rewards", rewards.value())
                .put("malformed_decisions", badDecisions.value())
                .put("malformed_rewards", badRewards.value())
                .put("policy", config.policy())
                .put("format", format.cliName())
                .put("output", output);
    }
}
