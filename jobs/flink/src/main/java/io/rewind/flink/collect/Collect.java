package io.rewind.flink.collect;

import io.rewind.formats.JoinRules;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rewind collect}: the near-real-time join on Flink. On a cluster: {@code flink run -c
 * io.rewind.flink.collect.Collect rewind-jobs-flink.jar ...}; locally the same main runs an embedded MiniCluster.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Join decision and reward streams into the interactions table continuously (Flink).")
public final class Collect implements Callable<Integer> {
    @Option(names = "--decisions", required = true, description = "folder of decision JSON lines, or a Kafka topic")
    String decisions;

    @Option(names = "--rewards", required = true, description = "folder of reward JSON lines, or a Kafka topic")
    String rewards;

    @Option(names = "--kafka", description = "Kafka bootstrap servers: read topics instead of folders")
    String kafka;

    @Option(names = "--output", required = true, description = "interactions folder (Parquet, date=/hour=)")
    String output;

    @Option(names = "--quarantine", description = "default: OUTPUT_quarantine")
    String quarantine;

    @Option(names = "--reward-window", defaultValue = "10m", description = "e.g. 10m, 1h, 30s")
    String window;

    @Option(names = "--default-reward", defaultValue = "0")
    double defaultReward;

    @Option(names = "--drop-unrewarded")
    boolean dropUnrewarded;

    @Option(names = "--aggregation", defaultValue = "first", description = "first, last or sum")
    String aggregation;

    @Option(names = "--train-ratio", defaultValue = "0.8")
    double trainRatio;

    @Option(names = "--out-of-order", defaultValue = "1m", description = "how late an event may arrive")
    String outOfOrder;

    @Option(names = "--orphan-after", defaultValue = "1h", description = "how long a reward waits for its decision")
    String orphanAfter;

    @Option(names = "--retain", defaultValue = "1h", description = "how long an emitted id is remembered")
    String retain;

    @Option(names = "--checkpoint-interval", defaultValue = "5s")
    String checkpoint;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(names = "--bounded", description = "read what is there now and stop")
    boolean bounded;

    @Option(names = "--idle-timeout", defaultValue = "5s", description = "a source split silent this long after its"
            + " last event no longer holds back the watermark (shorter: lower latency when inputs are sparse; longer:"
            + " safer for slow ones)")
    String idleTimeout;

    @Option(names = "--idle-timeout-at-start", defaultValue = "1m", description = "the same for a split that has sent"
            + " nothing since the job (re)started: a reader still opening its input or catching up after a restart is"
            + " not idle (an input that is empty from the start waits this long once)")
    String idleTimeoutAtStart;

    @Option(names = "--discovery-interval", defaultValue = "1s", description = "folders: how often to look for new"
            + " files")
    String discoveryInterval;

    @Option(names = "--timestamp-unit", defaultValue = "auto", description = "unit of epoch numbers in the"
            + " timestamp fields: s, ms, us, ns, or auto (default: by magnitude)")
    String timestampUnit;

    @Option(names = "--max-restarts", defaultValue = "10", description = "failures allowed within 10 minutes before"
            + " the job fails with its cause (restarts wait 2 s; default 10); a cluster's restart-strategy wins")
    int maxRestarts;

    static Duration duration(String s) {
        return io.rewind.formats.Durations.parse(s);
    }

    CollectConfig config() {
        return new CollectConfig(new CollectConfig.Sources(decisions, rewards, kafka, bounded,
                new CollectConfig.Idleness(duration(idleTimeout), duration(idleTimeoutAtStart)),
                duration(discoveryInterval), io.rewind.formats.TimestampUnit.parse(timestampUnit)),
                new CollectConfig.Sink(output, quarantine == null ? CollectConfig.defaultQuarantine(output) : quarantine),
                new JoinRules(duration(window), defaultReward, dropUnrewarded,
                        JoinRules.Aggregation.parse(aggregation), trainRatio),
                new CollectConfig.EventTime(duration(outOfOrder), duration(orphanAfter), duration(retain)),
                new CollectConfig.Execution(duration(checkpoint), parallelism, maxRestarts));
    }

    @Override
    public Integer call() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CollectJob.build(env, config(), s -> s);
        env.execute("rewind collect");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Collect()).execute(args));
    }
}
