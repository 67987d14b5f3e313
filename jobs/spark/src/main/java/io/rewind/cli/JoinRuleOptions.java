package io.rewind.cli;

import io.rewind.formats.JoinRules;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How decisions and rewards are joined: the options of {@code join}, and of the commands that join a mapped log. */
final class JoinRuleOptions {
    @Option(names = "--reward-window", defaultValue = "10m", converter = DurationConverter.class,
            description = "how long after a decision its reward may come (e.g. 90s, 10m, 2h; default 10m)")
    Duration window;

    @Option(names = "--default-reward", defaultValue = "0.0",
            description = "reward of a decision with no reward in its window (default 0)")
    double defaultReward;

    @Option(names = "--drop-unrewarded", description = "drop decisions with no reward instead (an inner join)")
    boolean dropUnrewarded;

    @Option(names = "--aggregation", defaultValue = "first", description = "several rewards: first, last or sum")
    String aggregation;

    @Option(names = "--train-ratio", defaultValue = "0.8", description = "share of events in the train split")
    double trainRatio;

    JoinRules rules() {
        return new JoinRules(window, defaultReward, dropUnrewarded, JoinRules.Aggregation.parse(aggregation),
                trainRatio);
    }
}
