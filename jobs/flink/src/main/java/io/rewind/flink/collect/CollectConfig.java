package io.rewind.flink.collect;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TimestampUnit;
import java.time.Duration;

/**
 * What {@code rewind collect} reads and writes.
 *
 * @param decisions a folder of decision JSON-lines files, or a Kafka topic when {@code kafka} is set
 * @param rewards the same for rewards
 * @param kafka Kafka bootstrap servers, or null to read folders
 * @param bounded read what is there and stop (folders: no monitoring; Kafka: up to the offsets at start)
 * @param outOfOrder how far behind the newest event an event may arrive (the watermark's lag)
 * @param orphanAfter how long (event time) a reward waits for its decision before it is an orphan
 * @param retain how long (event time) an emitted id is remembered, to recognise later copies and late rewards
 * @param idleTimeout how long a source split may send nothing before the watermark stops waiting for it
 * @param discoveryInterval folders: how often new files are looked for
 * @param timestampUnit how epoch numbers in timestamp fields are read
 * @param maxRestarts failures allowed within {@link #RESTART_WINDOW} before the job fails (a cluster's own restart
 *     strategy wins)
 */
public record CollectConfig(String decisions, String rewards, String kafka, String output, String quarantine,
                            JoinRules rules, Duration outOfOrder, Duration orphanAfter, Duration retain,
                            Duration checkpointInterval, int parallelism, boolean bounded, Duration idleTimeout,
                            Duration discoveryInterval, TimestampUnit timestampUnit,
                            int maxRestarts) {
    public static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_RESTARTS = 10;

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofSeconds(1);

    /** Epoch numbers told apart by magnitude. */
    public CollectConfig(String decisions, String rewards, String kafka, String output, String quarantine,
                         JoinRules rules, Duration outOfOrder, Duration orphanAfter, Duration retain,
                         Duration checkpointInterval, int parallelism, boolean bounded, Duration idleTimeout,
                         Duration discoveryInterval) {
        this(decisions, rewards, kafka, output, quarantine, rules, outOfOrder, orphanAfter, retain, checkpointInterval,
                parallelism, bounded, idleTimeout, discoveryInterval, TimestampUnit.AUTO, DEFAULT_MAX_RESTARTS);
    }

    public CollectConfig(String decisions, String rewards, String kafka, String output, String quarantine,
                         JoinRules rules, Duration outOfOrder, Duration orphanAfter, Duration retain,
                         Duration checkpointInterval, int parallelism, boolean bounded) {
        this(decisions, rewards, kafka, output, quarantine, rules, outOfOrder, orphanAfter, retain, checkpointInterval,
                parallelism, bounded, DEFAULT_IDLE_TIMEOUT, DEFAULT_DISCOVERY_INTERVAL);
    }

    public static String defaultQuarantine(String output) {
        return output.replaceAll("/+$", "") + "_quarantine";
    }
}
