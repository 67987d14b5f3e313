package io.rewind.ope.sequential;

final class Horizons {
    private Horizons() {
    }

    static void check(EpisodeSample e, int horizon) {
        if (e.length() > horizon) {
            throw new IllegalArgumentException("episode " + e.id() + " has " + e.length() + " steps, more than the"
                    + " horizon " + horizon + " the estimator was given");
        }
    }
}
