package io.rewind.jobs.rl;

import io.rewind.formats.Split;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.ReadResult;
import io.rewind.jobs.mapping.MappedTableKind;
import io.rewind.jobs.mapping.MappedTables;
import io.rewind.jobs.mapping.Mapping;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.TableReader;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.batch.BatchRlTrainer;
import io.rewind.rl.batch.Rollout;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.EpochMetrics;
import io.rewind.rl.batch.HeldOut;
import io.rewind.rl.batch.RlPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code rewind train-rl}: DDQN+BCQ from an episodes table. Spark reads the episodes (any format) and builds the
 * transitions with window functions on the executors, which keep them: the training transitions as a replay of
 * chunks the driver fetches one at a time ({@link SparkReplay}), the held-out episodes where each epoch's estimates
 * are computed ({@link ExecutorHeldOut}). The gradient steps run in the driver on DJL; its memory holds a chunk or
 * two, not the data. Writes the policy ({@code policy/}), one
 * checkpoint per epoch ({@code checkpoints/epoch-NNN/}), the per-epoch losses and off-policy estimates
 * ({@code metrics.csv}) and the seed's "WIS and SDR over epochs" chart ({@code metrics.png}).
 */
public final class TrainRlJob {
    private TrainRlJob() {
    }

    public static JobSummary run(SparkSession spark, TrainRlConfig c) {
        return train(spark, c, TableReader.read(spark, Tables.EPISODES, c.format(), c.data().toArray(new String[0])));
    }

    /** Training on episodes read from a user's own rows through {@code mapping} (its {@code episodes} section). */
    public static JobSummary run(SparkSession spark, TrainRlConfig c, Mapping mapping) {
        if (!mapping.tables().contains(MappedTableKind.EPISODES)) {
            throw new IllegalArgumentException("train-rl --mapping: " + mapping.file() + " maps no episodes");
        }
        return train(spark, c, MappedTables.read(spark, MappedTables.prepare(spark, mapping),
                MappedTableKind.EPISODES, TableReader.Rules.ALL));
    }

    private static JobSummary train(SparkSession spark, TrainRlConfig c, ReadResult read) {
        JobSummary summary = new JobSummary("train-rl").put("rows_read", read.validCount() + read.quarantinedCount())
                .put("rows_quarantined", read.quarantinedCount());
        String quarantine = c.output() + "/quarantine";
        if (read.quarantinedCount() > 0) {
            TableWriter.writeQuarantine(read.quarantined(), Tables.EPISODES, TableFormat.JSONL, quarantine);
            summary.put("quarantine", quarantine);
        } else {
            io.rewind.formats.spark.HadoopFiles.delete(spark, quarantine);
        }
        BadFractionExceededException.check("train-rl", read.quarantinedCount(), read.validCount()
                + read.quarantinedCount(), c.maxBadFraction(), quarantine, summary);
        TransitionTable table = TransitionTable.of(read.valid(), c.trainRatio());
        TransitionTable.Counts n = table.counts;
        Path out = Path.of(c.output());
        int simulate = c.simulateEpisodes();
        ToDoubleFunction<DdqnBcq> simulator = simulate <= 0 ? null
                : l -> Rollout.mean(Rollout.returns(c.simulator(), l::act, simulate, 12_345));
        List<EpochMetrics> epochs;
        double loggedMeanReturn = n.loggedMeanReturn();
        try (SparkReplay train = c.workers() == 1 ? SparkReplay.of(table, c.chunkBytes(), c.dqn().seed())
                : SparkReplay.forWorkers(table, c.chunkBytes(), c.dqn().seed(), c.workers());
             ExecutorHeldOut heldOut = ExecutorHeldOut.of(table, c.chunkBytes());
             DdqnBcq learner = new DdqnBcq(c.dqn(), n.stateDim(), n.actions())) {
            table.release();
            read.unpersist();
            if (n.trainTransitions() == 0) {
                throw new IllegalArgumentException("no training transitions: --train-ratio " + c.trainRatio()
                        + " left every one of the " + n.episodes() + " episodes out");
            }
            epochs = c.workers() == 1
                    ? BatchRlTrainer.fit(learner, train, heldOut, simulator, out.resolve("checkpoints"))
                    : dataParallel(c, n, train, learner, heldOut, simulator, out.resolve("checkpoints"));
            EpochMetrics last = epochs.get(epochs.size() - 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("logged_mean_return", loggedMeanReturn);
            metrics.put("final_pdis", last.pdis());
            metrics.put("final_wis", last.wis());
            metrics.put("final_sdr", last.sdr());
            metrics.put("training_seconds", last.seconds());
            if (simulate > 0) {
                metrics.put("final_simulated_return", last.simulatedReturn());
            }
            String data = String.join(",", c.data()) + " (" + c.format().cliName() + ", " + n.trainEpisodes()
                    + " training episodes, " + n.evalEpisodes() + " held out" + (c.workers() > 1 ? ", trained on "
                    + c.workers() + " workers averaging every " + c.syncEvery() + " steps" : "") + ")";
            RlPolicy.describe(learner, data, n.episodes(), n.transitions(), metrics, epochs)
                    .save(learner, out.resolve("policy"));
            metrics.forEach((k, v) -> summary.put(k, JobSummary.round(v, 4)));
            summary.put("replay_chunks", train.chunks()).put("workers", c.workers());
        } finally {
            table.release();
        }
        writeMetrics(epochs, loggedMeanReturn, out);
        return summary.put("episodes", n.episodes()).put("transitions", n.transitions())
                .put("train_transitions", n.trainTransitions()).put("eval_transitions", n.evalTransitions())
                .put("policy", out.resolve("policy").toString()).put("metrics", out.resolve("metrics.csv").toString());
    }

    /** Every epoch on {@code c.workers()} tasks, then each epoch's averaged networks estimated and checkpointed. */
    private static List<EpochMetrics> dataParallel(TrainRlConfig c, TransitionTable.Counts n, SparkReplay train,
                                                   DdqnBcq learner, HeldOut heldOut,
                                                   ToDoubleFunction<DdqnBcq> simulator, Path checkpoints) {
        List<DataParallelTraining.EpochResult> results = DataParallelTraining.run(train, c.dqn(), n.stateDim(),
                n.actions(), n.trainTransitions(), c.workers(), c.syncEvery());
        List<EpochMetrics> epochs = new java.util.ArrayList<>();
        for (int e = 1; e <= c.dqn().epochs(); e++) {
            int epoch = e;
            List<DataParallelTraining.EpochResult> mine = results.stream().filter(r -> r.epoch() == epoch).toList();
            DataParallelTraining.EpochResult first = mine.get(0);
            learner.parameters(first.parameters());
            learner.syncTarget();
            DdqnBcq.EpochLoss loss = new DdqnBcq.EpochLoss(
                    mine.stream().mapToDouble(DataParallelTraining.EpochResult::td).average().orElseThrow(),
                    mine.stream().mapToDouble(DataParallelTraining.EpochResult::imitation).average().orElseThrow());
            epochs.add(BatchRlTrainer.afterEpoch(learner, epoch, loss, first.seconds(), heldOut, simulator,
                    checkpoints));
        }
        return epochs;
    }

    /** WIS and SDR by epoch, the simulated return when measured, and the behaviour policy's return, dashed. */
    static XYChart metricsChart(List<EpochMetrics> epochs, double loggedMeanReturn) {
        double[] x = new double[epochs.size()];
        double[] wis = new double[epochs.size()];
        double[] sdr = new double[epochs.size()];
        double[] sim = new double[epochs.size()];
        double[] logged = new double[epochs.size()];
        boolean simulated = false;
        for (int i = 0; i < x.length; i++) {
            EpochMetrics m = epochs.get(i);
            x[i] = m.epoch();
            wis[i] = m.wis();
            sdr[i] = m.sdr();
            sim[i] = m.simulatedReturn();
            logged[i] = loggedMeanReturn;
            simulated |= !Double.isNaN(m.simulatedReturn());
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title("WIS and SDR over epochs")
                .xAxisTitle("epoch").yAxisTitle("estimated return").build();
        chart.addSeries("WIS", x, wis).setMarker(SeriesMarkers.NONE);
        chart.addSeries("SDR", x, sdr).setMarker(SeriesMarkers.NONE);
        if (simulated) {
            chart.addSeries("simulated return", x, sim).setMarker(SeriesMarkers.NONE);
        }
        chart.addSeries(BEHAVIOUR, x, logged).setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
        return chart;
    }

    static final String BEHAVIOUR = "behaviour policy (logged mean return)";

    static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    /** metrics.csv, and metrics.png with the behaviour policy's mean return as the line to beat. */
    static void writeMetrics(List<EpochMetrics> epochs, double loggedMeanReturn, Path out) {
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        epochs.forEach(m -> csv.append(m.csv()).append('\n'));
        XYChart chart = metricsChart(epochs, loggedMeanReturn);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("metrics.csv"), csv);
            BitmapEncoder.saveBitmap(chart, out.resolve("metrics").toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics under " + out, e);
        }
    }
}
