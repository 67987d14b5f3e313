package io.rewind.flink.collect;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TimestampUnit;
import java.time.Duration;

/**
 * What {@code rewind collect} reads and writes, in four parts and the join's rules.
 */
public record CollectConfig(Sources sources, Sink sink, JoinRules rules, EventTime time, Execution execution) {
    public static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_RESTARTS = 10;
    public static final Idleness DEFAULT_IDLENESS = new Idleness(Duration.ofSeconds(5), Duration.ofMinutes(1));
    public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofSeconds(1);

    /**
     * Where decisions and rewards come from.
     *
     * @param decisions         a folder of decision JSON-lines files, or a Kafka topic when {@code kafka} is set
     * @param rewards           the same for rewards
     * @param kafka             Kafka bootstrap servers, or null to read folders
     * @param bounded           read what is there and stop (folders: no monitoring; Kafka: up to the offsets at start)
     * @param idleness          how long a source split may send nothing before the watermark stops waiting for it
     * @param discoveryInterval folders: how often new files are looked for
     * @param timestampUnit     how epoch numbers in timestamp fields are read
     */
    public record Sources(String decisions, String rewards, String kafka, boolean bounded, Idleness idleness,
                          Duration discoveryInterval, TimestampUnit timestampUnit) {
        /** Folders, with the default idleness, discovery interval and timestamp unit. */
        public static Sources folders(String decisions, String rewards, boolean bounded) {
            return new Sources(decisions, rewards, null, bounded, DEFAULT_IDLENESS, DEFAULT_DISCOVERY_INTERVAL,
                    TimestampUnit.AUTO);
        }

        /** The same sources, idle after {@code idle} whether or not a split has sent anything yet. */
        public Sources withTiming(Duration idle, Duration discovery) {
            return new Sources(decisions, rewards, kafka, bounded, new Idleness(idle, idle), discovery,
                    timestampUnit);
        }

        public Sources withTimestampUnit(TimestampUnit unit) {
            return new Sources(decisions, rewards, kafka, bounded, idleness, discoveryInterval, unit);
        }
    }

    /**
     * When a source split that sends nothing stops holding back the watermark ({@link SplitIdleness}).
     *
     * @param silent  after its last event, once it has sent one since the job (re)started
     * @param unheard after the job (re)started, while it has sent nothing yet: a reader still opening its input or
     *                catching up must not be taken for an idle one, so this is the longer wait
     */
    public record Idleness(Duration silent, Duration unheard) implements java.io.Serializable {
    }

    /** Where the interactions (Parquet, date=/hour=) and the rejected rows go. */
    public record Sink(String output, String quarantine) {
        /** The output with its quarantine beside it, {@code OUTPUT_quarantine}. */
        public static Sink of(String output) {
            return new Sink(output, defaultQuarantine(output));
        }
    }

    /**
     * How the join waits in event time.
     *
     * @param outOfOrder  how far behind the newest event an event may arrive (the watermark's lag)
     * @param orphanAfter how long a reward waits for its decision before it is an orphan
     * @param retain      how long an emitted id is remembered, to recognise later copies and late rewards
     */
    public record EventTime(Duration outOfOrder, Duration orphanAfter, Duration retain) {
    }

    /**
     * How the job runs.
     *
     * @param maxRestarts failures allowed within {@link #RESTART_WINDOW} before the job fails (a cluster's own
     *                    restart strategy wins)
     */
    public record Execution(Duration checkpointInterval, int parallelism, int maxRestarts) {
        public static Execution of(Duration checkpointInterval, int parallelism) {
            return new Execution(checkpointInterval, parallelism, DEFAULT_MAX_RESTARTS);
        }
    }

    public static String defaultQuarantine(String output) {
        return output.replaceAll("/+$", "") + "_quarantine";
    }
}
