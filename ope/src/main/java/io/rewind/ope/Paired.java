package io.rewind.ope;

/** The same logged sample seen under two target policies, a candidate and an incumbent. */
public record Paired<S extends OpeSample>(S candidate, S incumbent) implements OpeSample {
    @Override
    public long id() {
        return candidate.id();
    }

    @Override
    public double weight() {
        return candidate.weight();
    }
}
