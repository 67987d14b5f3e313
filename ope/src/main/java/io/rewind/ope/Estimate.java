package io.rewind.ope;

import java.io.Serializable;

/**
 * One estimator's answer: the value, its intervals (the Bernstein bound only for IPS-type estimators, else null)
 * and the weight diagnostics of the data it saw.
 */
public record Estimate(String estimator, double value, Interval normal, Interval bootstrap, Interval bernstein,
                       long n, double effectiveSampleSize, double maxWeight, double meanWeight,
                       double clippedShare) implements Serializable {
}
