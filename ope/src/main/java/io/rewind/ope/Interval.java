package io.rewind.ope;

/** A confidence interval and how it was made. */
public record Interval(double lower, double upper, double level, String method) implements java.io.Serializable {
    public double width() {
        return upper - lower;
    }

    public boolean contains(double v) {
        return v >= lower && v <= upper;
    }
}
