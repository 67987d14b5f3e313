package io.rewind.jobs.rl;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableWriter;
import io.rewind.jobs.JobSummary;
import io.rewind.rl.env.BehaviourPolicy;
import io.rewind.rl.env.EpisodeCollector;
import io.rewind.rl.env.EpisodeStep;
import io.rewind.rl.env.Simulator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code rewind simulate-rl}: episodes of a behaviour policy in a simulator, written as the episodes table. The
 * executors play the environments, {@value #ENVS_PER_PARTITION} to a partition, so the table can be larger than the
 * driver; environment e's episodes are the same wherever it runs ({@link EpisodeCollector}).
 */
public final class SimulateRlJob {
    static final int ENVS_PER_PARTITION = 100;

    private SimulateRlJob() {
    }

    public static JobSummary run(SparkSession spark, Simulator simulator, int envs, int episodesPerEnv,
                                 LoggingPolicy behaviour, long seed, String output, TableFormat format) {
        if (envs < 1 || episodesPerEnv < 1) {
            throw new IllegalArgumentException("need at least one environment (--envs) and one episode each"
                    + " (--episodes-per-env): " + envs + ", " + episodesPerEnv);
        }
        Dataset<Row> rows = episodes(spark, simulator, envs, episodesPerEnv, behaviour, seed);
        TableWriter.write(rows, Tables.EPISODES, format, output);
        // the episodes again (the same, from the same streams) rather than the table read back in any of its formats
        Row totals = rows.agg(count("reward"), sum("reward")).first();
        long steps = totals.getLong(0);
        long episodes = (long) envs * episodesPerEnv;
        JobSummary s = new JobSummary("simulate-rl").put("environment", simulator.cliName())
                .put("behaviour", behaviour.name()).put("episodes", episodes).put("steps", steps)
                .put("mean_return", JobSummary.round(totals.getDouble(1) / episodes, 2));
        simulator.optimalReturn().ifPresent(v -> s.put("optimal_mean_return", JobSummary.round(v, 4)));
        return s.put("output", output).put("format", format.cliName());
    }

    /** The episodes table, played on the executors. */
    static Dataset<Row> episodes(SparkSession spark, Simulator simulator, int envs, int episodesPerEnv,
                                 LoggingPolicy behaviour, long seed) {
        int partitions = (envs + ENVS_PER_PARTITION - 1) / ENVS_PER_PARTITION;
        List<Integer> ids = IntStream.range(0, envs).boxed().toList();
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ids, partitions)
                .mapPartitions(mine -> new Played(mine, behaviour.open(), simulator, envs, episodesPerEnv, seed));
        return spark.createDataFrame(rows, SparkSchemas.of(Tables.EPISODES));
    }

    /** One partition's environments, one after another, a step at a time. */
    private static final class Played implements Iterator<Row> {
        private final Iterator<Integer> envIds;
        private final BehaviourPolicy policy;
        private final Simulator simulator;
        private final int envs;
        private final int episodesPerEnv;
        private final long seed;
        private Iterator<EpisodeStep> current = java.util.Collections.emptyIterator();

        Played(Iterator<Integer> envIds, BehaviourPolicy policy, Simulator simulator, int envs, int episodesPerEnv,
               long seed) {
            this.envIds = envIds;
            this.policy = policy;
            this.simulator = simulator;
            this.envs = envs;
            this.episodesPerEnv = episodesPerEnv;
            this.seed = seed;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && envIds.hasNext()) {
                current = EpisodeCollector.environment(simulator, envIds.next(), envs, episodesPerEnv, policy, seed);
            }
            return current.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            EpisodeStep s = current.next();
            return SparkRows.toRow(Tables.EPISODES, new Object[] {s.episodeId(), s.step(), s.state(), s.action(),
                    s.actionProbs(), s.reward(), s.done()});
        }
    }
}
