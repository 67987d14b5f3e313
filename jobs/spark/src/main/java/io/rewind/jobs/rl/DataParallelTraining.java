package io.rewind.jobs.rl;

import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.DqnConfig;
import io.rewind.rl.batch.Minibatches;
import io.rewind.rl.batch.Transitions;
import java.io.Serializable;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * {@code train-rl --workers N}: N Spark tasks launched together (barrier mode), each training its own copy of the
 * networks on its shard of the replay's chunks (the chunks stay where the executors keep them) and averaging the
 * parameters with the others every {@code syncEvery} gradient steps and at every epoch's end (parameter averaging,
 * "local SGD": each worker keeps its own Adam moments; the target networks are averaged too, so that after each
 * averaging all workers bootstrap from one target, as one process does), over their own connections
 * ({@link ParameterExchange}). All start from worker 0's initialisation. An epoch is ⌈training transitions /
 * (N · batch)⌉ steps on each worker, so that the N workers together see about the data once, as with one batch N
 * times larger: each worker runs {@link DqnConfig#forWorkers} (N times the learning rate, the target updated after
 * N times fewer steps; without the first, 2 workers reached a CartPole return of 50 after 25 epochs where one
 * process reached 118, with it 200). Worker 0 returns the averaged parameters after each epoch, for the driver to
 * estimate, simulate and checkpoint as the one-process path does.
 */
final class DataParallelTraining {
    private DataParallelTraining() {
    }

    /** One worker's epoch: its mean losses and training time so far, and (worker 0) the averaged parameters. */
    record EpochResult(int worker, int epoch, double td, double imitation, double seconds, float[] parameters)
            implements Serializable {
    }

    /** Runs every epoch on {@code workers} tasks at once; the results of all workers, by epoch then worker. */
    static List<EpochResult> run(SparkReplay replay, DqnConfig config, int stateDim, int actions, long trainRows,
                                 int workers, int syncEvery) {
        String master = replay.rdd().context().master();
        int slots = localSlots(master);
        if (workers > slots) {
            // Spark would retry a barrier stage wider than the cluster for minutes before it gives up
            throw new IllegalArgumentException("--workers " + workers + " needs " + workers + " task slots at once;"
                    + " the master " + master + " has " + slots);
        }
        JavaRDD<Transitions> shards = replay.rdd();
        if (shards.getNumPartitions() != workers) {
            throw new IllegalStateException("the replay has " + shards.getNumPartitions() + " shards for " + workers
                    + " workers: build it with SparkReplay.forWorkers");
        }
        int steps = (int) Math.max(1, (trainRows + (long) workers * config.batchSize() - 1)
                / ((long) workers * config.batchSize()));
        Function1<scala.collection.Iterator<Transitions>, scala.collection.Iterator<EpochResult>> train =
                (Function1<scala.collection.Iterator<Transitions>, scala.collection.Iterator<EpochResult>>
                        & Serializable) chunks -> CollectionConverters.asScala(
                        worker(CollectionConverters.asJava(chunks), config, stateDim, actions, steps, syncEvery)
                                .iterator());
        List<EpochResult> out = new ArrayList<>(JavaRDD.fromRDD(shards.rdd().barrier().mapPartitions(train, false,
                ClassTag$.MODULE$.apply(EpochResult.class)), ClassTag$.MODULE$.apply(EpochResult.class)).collect());
        out.sort(Comparator.comparingInt(EpochResult::epoch).thenComparingInt(EpochResult::worker));
        return out;
    }

    /** The task slots of a local master ({@code local}, {@code local[N]}, {@code local[*]}); no limit otherwise. */
    static int localSlots(String master) {
        var m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?").matcher(master);
        if (!m.matches()) {
            return Integer.MAX_VALUE;
        }
        if (m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    private static List<EpochResult> worker(java.util.Iterator<Transitions> chunks, DqnConfig config, int stateDim,
                                            int actions, int steps, int syncEvery) {
        List<Transitions> shard = new ArrayList<>();
        chunks.forEachRemaining(shard::add);
        BarrierTaskContext ctx = BarrierTaskContext.get();
        int w = ctx.partitionId();
        List<EpochResult> out = new ArrayList<>();
        int workers = ctx.getTaskInfos().length;
        try (ParameterExchange exchange = connect(ctx, w, workers);
             DdqnBcq learner = new DdqnBcq(config.forWorkers(workers), stateDim, actions)) {
            learner.parameters(exchange.broadcastFromLeader(learner.parameters()));
            learner.syncTarget();
            Minibatches batches = new Minibatches(shard, config.batchSize(),
                    new SplittableRandom(config.seed() + 0x9E3779B97F4A7C15L * (w + 1)));
            double seconds = 0;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                DdqnBcq.EpochLoss loss = learner.fitSteps(batches, steps, k -> {
                    if (k % syncEvery == 0 || k == steps) {
                        learner.parametersWithTarget(exchange.average(learner.parametersWithTarget()));
                    }
                });
                seconds += (System.nanoTime() - start) / 1e9;
                out.add(new EpochResult(w, epoch, loss.td(), loss.imitation(), seconds,
                        w == 0 ? learner.parameters() : null));
            }
        }
        return out;
    }

    /** The barrier's one allGather tells every worker where worker 0 listens; the averaging then bypasses it. */
    private static ParameterExchange connect(BarrierTaskContext ctx, int w, int workers) {
        if (w == 0) {
            ServerSocket server = ParameterExchange.listen();
            ctx.allGather(hostOf(ctx.getTaskInfos()[0].address()) + ":" + server.getLocalPort());
            return ParameterExchange.lead(server, workers);
        }
        String leader = ctx.allGather("")[0];
        String host = hostOf(leader);
        return ParameterExchange.follow(host, Integer.parseInt(leader.substring(host.length() + 1)), w);
    }

    /** The host of an executor's {@code host:port} address. */
    static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
