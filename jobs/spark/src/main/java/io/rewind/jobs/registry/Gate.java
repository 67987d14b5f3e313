package io.rewind.jobs.registry;

import io.rewind.ope.Estimate;
import java.util.Locale;

/** When {@code promote} promotes a candidate over the hosted model, from their DR estimates. */
public enum Gate {
    /** The lower bound of the 95% interval of (candidate − hosted) DR value is above 0. */
    INTERVAL {
        @Override
        public boolean passes(Estimate candidate, Estimate hosted, Estimate difference) {
            return difference.normal().lower() > 0;
        }

        @Override
        public String reason(Estimate candidate, Estimate hosted, Estimate difference) {
            return String.format("DR difference %.4f [%.4f, %.4f]: lower bound %s 0", difference.value(),
                    difference.normal().lower(), difference.normal().upper(),
                    passes(candidate, hosted, difference) ? "above" : "not above");
        }
    },
    /** The candidate's DR value is at least the hosted model's (the seeds' rule, for rewards). */
    ESTIMATE {
        @Override
        public boolean passes(Estimate candidate, Estimate hosted, Estimate difference) {
            return candidate.value() >= hosted.value();
        }

        @Override
        public String reason(Estimate candidate, Estimate hosted, Estimate difference) {
            return String.format("candidate DR %.4f %s hosted %.4f", candidate.value(),
                    passes(candidate, hosted, difference) ? ">=" : "<", hosted.value());
        }
    };

    public abstract boolean passes(Estimate candidate, Estimate hosted, Estimate difference);

    public abstract String reason(Estimate candidate, Estimate hosted, Estimate difference);

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
