package io.rewind.ope;

import java.io.Serializable;

/**
 * How trustworthy importance weights are: n, effective sample size (Σw)²/Σw² (Kong 1992), max and mean weight, and
 * the share of weights above the clipping threshold. Mergeable.
 */
public final class Diagnostics implements Serializable {
    private final double clipAt;
    private long n;
    private double sumW;
    private double sumW2;
    private double maxW;
    private long clipped;

    /** @param clipAt the clipping threshold to report on (infinity for none) */
    public Diagnostics(double clipAt) {
        this.clipAt = clipAt;
    }

    public void add(double w) {
        n++;
        sumW += w;
        sumW2 += w * w;
        maxW = Math.max(maxW, w);
        if (w > clipAt) {
            clipped++;
        }
    }

    public Diagnostics merge(Diagnostics o) {
        n += o.n;
        sumW += o.sumW;
        sumW2 += o.sumW2;
        maxW = Math.max(maxW, o.maxW);
        clipped += o.clipped;
        return this;
    }

    public long n() {
        return n;
    }

    public double effectiveSampleSize() {
        return sumW2 == 0 ? 0 : sumW * sumW / sumW2;
    }

    public double maxWeight() {
        return maxW;
    }

    public double meanWeight() {
        return n == 0 ? Double.NaN : sumW / n;
    }

    public double clippedShare() {
        return n == 0 ? 0 : clipped / (double) n;
    }
}
