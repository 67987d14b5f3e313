package io.rewind.jobs.join;

import io.rewind.formats.JoinRules;
import io.rewind.formats.TableFormat;
import io.rewind.formats.TimestampUnit;
import java.util.List;

/**
 * Everything {@code rewind join} needs: where the logs are, where the interactions go, and the join rules. The
 * interactions are merged by {@code event_id} into the dates the run touches; {@code replaceDates} replaces those
 * dates wholesale instead. {@code timestampUnit}: how epoch numbers in the logs' timestamp fields are read.
 */
public record JoinConfig(List<String> decisions, TableFormat decisionsFormat, List<String> rewards,
                         TableFormat rewardsFormat, String output, TableFormat outputFormat, String quarantine,
                         String summary, JoinRules rules, double maxBadFraction, boolean replaceDates,
                         TimestampUnit timestampUnit) {
    public JoinConfig {
        if (outputFormat != TableFormat.DELTA && outputFormat != TableFormat.PARQUET) {
            throw new IllegalArgumentException("join output is partitioned by date: use delta or parquet, not "
                    + outputFormat.cliName());
        }
        if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
            throw new IllegalArgumentException("--max-bad-fraction must be in [0, 1]: " + maxBadFraction);
        }
        decisions = List.copyOf(decisions);
        rewards = List.copyOf(rewards);
    }

    /** Quarantine and summary paths default to siblings of the output. */
    public static String defaultQuarantine(String output) {
        return stripSlash(output) + "_quarantine";
    }

    /** Epoch numbers told apart by magnitude (the default). */
    public JoinConfig(List<String> decisions, TableFormat decisionsFormat, List<String> rewards,
                      TableFormat rewardsFormat, String output, TableFormat outputFormat, String quarantine,
                      String summary, JoinRules rules, double maxBadFraction, boolean replaceDates) {
        this(decisions, decisionsFormat, rewards, rewardsFormat, output, outputFormat, quarantine, summary, rules,
                maxBadFraction, replaceDates, TimestampUnit.AUTO);
    }

    /** The same join, merging into the dates it touches (the default). */
    public JoinConfig(List<String> decisions, TableFormat decisionsFormat, List<String> rewards,
                      TableFormat rewardsFormat, String output, TableFormat outputFormat, String quarantine,
                      String summary, JoinRules rules, double maxBadFraction) {
        this(decisions, decisionsFormat, rewards, rewardsFormat, output, outputFormat, quarantine, summary, rules,
                maxBadFraction, false);
    }

    public static String defaultSummary(String output) {
        return stripSlash(output) + "_summary.json";
    }

    /** Where a join through a mapping writes the mapping as applied. */
    public static String appliedMapping(String output) {
        return stripSlash(output) + "_mapping.yaml";
    }

    private static String stripSlash(String p) {
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
