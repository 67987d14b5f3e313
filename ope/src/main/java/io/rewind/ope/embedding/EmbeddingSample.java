package io.rewind.ope.embedding;

import io.rewind.ope.OpeSample;
import java.util.Objects;

/**
 * One logged round as the marginalized estimators see it: the probabilities the logging and the target policy give
 * to the chosen action's embedding (every action that shares it counts), not to the action itself. With thousands
 * of actions whose reward depends on the action only through its embedding, these ratios stay small where per-action
 * weights explode.
 *
 * @param id            stable row id (a hash of {@code event_id}), for the Poisson bootstrap
 * @param reward        the observed reward
 * @param loggedMarginal p(e|x, π_b) = Σ_{a: e(a) = e} π_b(a|x) for the chosen action's embedding e
 * @param targetMarginal p(e|x, π_e) = Σ_{a: e(a) = e} π_e(a|x)
 */
public record EmbeddingSample(long id, double reward, double loggedMarginal, double targetMarginal)
        implements OpeSample {
    public EmbeddingSample {
        if (!(loggedMarginal > 0 && loggedMarginal <= 1 + 1e-9)) {
            throw new IllegalArgumentException("logged marginal probability must be in (0, 1], was "
                    + loggedMarginal);
        }
        if (!(targetMarginal >= 0 && targetMarginal <= 1 + 1e-9)) {
            throw new IllegalArgumentException("target marginal probability must be in [0, 1], was "
                    + targetMarginal);
        }
    }

    /**
     * The sample of a round from both policies' full distributions over its candidates and each candidate's
     * embedding (any value with {@code equals}: a category, a list of numbers).
     */
    public static EmbeddingSample of(long id, double reward, int chosen, Object[] embeddings, double[] logged,
                                     double[] target) {
        if (embeddings.length != logged.length || logged.length != target.length) {
            throw new IllegalArgumentException("embeddings, logged and target probabilities differ in length: "
                    + embeddings.length + ", " + logged.length + ", " + target.length);
        }
        double b = 0;
        double e = 0;
        for (int a = 0; a < embeddings.length; a++) {
            if (Objects.equals(embeddings[a], embeddings[chosen])) {
                b += logged[a];
                e += target[a];
            }
        }
        return new EmbeddingSample(id, reward, Math.min(b, 1), Math.min(e, 1));
    }

    /** The marginal importance weight p(e|x, π_e) / p(e|x, π_b). */
    @Override
    public double weight() {
        return targetMarginal / loggedMarginal;
    }
}
