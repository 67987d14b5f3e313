package io.rewind.formats;

import java.util.Arrays;
import java.util.Objects;

/** A candidate action: its id and an optional feature vector (null for plain fixed arms). */
public record Candidate(String id, double[] features) implements java.io.Serializable {
    @Override
    public boolean equals(Object o) {
        return o instanceof Candidate c && Objects.equals(id, c.id) && Arrays.equals(features, c.features);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(id) + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return features == null ? id : id + Arrays.toString(features);
    }
}
