package io.rewind.jobs.join;

import io.rewind.formats.JoinRules;
import io.rewind.jobs.mapping.Mapping;

/** A user's own log read through a mapping, its decisions and rewards joined in memory by these rules. */
public record MappedLog(Mapping mapping, JoinRules rules) {
    public MappedLog {
        if (mapping == null || rules == null) {
            throw new IllegalArgumentException("a mapped log needs its mapping and its join rules");
        }
    }
}
