package io.rewind.jobs.evaluate;

import io.rewind.ope.Estimator;
import io.rewind.ope.multilogger.LoggerSample;
import io.rewind.ope.multilogger.WeightedDr;
import io.rewind.ope.multilogger.WeightedIps;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What {@code evaluate bandit} adds when the log holds more than one logger (model_id): the weighted counterpart of
 * each estimator asked for that has one. The balanced estimators need every logger's probability at every round,
 * which a log holds only for its own logger, so they are the API's ({@code io.rewind.ope.multilogger}), not the
 * job's.
 */
public enum MultiLoggerEstimator {
    WIPS(BanditEstimator.IPS, WeightedIps::new),
    WDR(BanditEstimator.DR, WeightedDr::new);

    private final BanditEstimator counterpartOf;
    private final IntFunction<Estimator<LoggerSample>> factory;

    MultiLoggerEstimator(BanditEstimator counterpartOf, IntFunction<Estimator<LoggerSample>> factory) {
        this.counterpartOf = counterpartOf;
        this.factory = factory;
    }

    /** The weighted estimators for {@code loggers} loggers, one per estimator in {@code asked} that has one. */
    public static List<Estimator<LoggerSample>> forLoggers(List<BanditEstimator> asked, int loggers) {
        return Arrays.stream(values()).filter(m -> asked.contains(m.counterpartOf))
                .map(m -> m.factory.apply(loggers)).toList();
    }
}
