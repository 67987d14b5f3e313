package io.rewind.rl.bandit;

/**
 * A feature vector φ that is zero outside one contiguous segment: {@code values} from index {@code offset} on.
 * {@link FeatureMap} gives every candidate one segment, one block of the model (the shared block or an arm's), so
 * the ridge models work on the segment alone instead of the whole dimension. The values array is shared, not
 * copied: it must not be changed once the Phi exists.
 */
public record Phi(int offset, double[] values) {
    public Phi {
        if (offset < 0) {
            throw new IllegalArgumentException("feature offset " + offset + " is negative");
        }
    }

    /** A dense vector as one segment from index 0. */
    public static Phi dense(double[] values) {
        return new Phi(0, values);
    }

    public int end() {
        return offset + values.length;
    }

    /** θ·φ. */
    public double dot(double[] theta) {
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += theta[offset + i] * values[i];
        }
        return s;
    }

    /** φ as a dense vector of the model's dimension. */
    public double[] toDense(int dimension) {
        double[] out = new double[dimension];
        System.arraycopy(values, 0, out, offset, values.length);
        return out;
    }
}
