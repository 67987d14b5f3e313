package io.rewind.jobs.evaluate;

/** How every evaluation's intervals are computed: Poisson-bootstrap replicates, the level, and the seed. */
public record Intervals(int replicates, double level, long seed) {
    public static final Intervals DEFAULTS = new Intervals(200, 0.95, 1);

    public Intervals {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must be in (0, 1): " + level);
        }
        if (replicates < 0) {
            throw new IllegalArgumentException("--bootstrap must be 0 or more: " + replicates);
        }
    }

    public Intervals withReplicates(int r) {
        return new Intervals(r, level, seed);
    }
}
