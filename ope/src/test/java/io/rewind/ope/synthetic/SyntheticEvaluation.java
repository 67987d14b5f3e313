package io.rewind.ope.synthetic;

import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.bandit.BanditSample;
import io.rewind.ope.reward.CrossFitting;
import io.rewind.ope.reward.PerActionLogistic;
import io.rewind.ope.reward.RewardModel;
import io.rewind.ope.reward.SharedSlopeLogistic;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated data set from a {@link SyntheticBandit}, its reward model fitted with cross-fitting, turned into
 * {@link BanditSample}s: what the accuracy and coverage experiments (and {@code bench/ope}) evaluate.
 */
public final class SyntheticEvaluation {
    private SyntheticEvaluation() {
    }

    /** The samples of one data set and the target policy's true value on its contexts. */
    public record DataSet(List<BanditSample> samples, double trueValueOnContexts) {
    }

    public static DataSet generate(SyntheticBandit bandit, int n, long seed, int folds) {
        return generate(bandit, n, seed, folds, null);
    }

    /**
     * As {@link #generate(SyntheticBandit, int, long, int)}, with the target policy replaced by {@code target}
     * (context to distribution) when it is not null. {@code folds} 0 uses the true reward function as the reward
     * model (an oracle: what is left of DR's error is the reward noise of the sample).
     */
    public static DataSet generate(SyntheticBandit bandit, int n, long seed, int folds,
                                   java.util.function.Function<double[], double[]> target) {
        return generate(bandit, n, seed, folds, target, perActionLogistic(bandit.actions()));
    }

    /** The default reward model: {@link PerActionLogistic} with an L2 penalty of 1. */
    public static java.util.function.Function<List<PerActionLogistic.Example>, RewardModel> perActionLogistic(
            int actions) {
        return part -> PerActionLogistic.fit(part, actions, 1.0);
    }

    /**
     * {@link SharedSlopeLogistic} with its penalty chosen from 0.3, 1, 3, 10, 30 by 3-fold cross-validated log-loss
     * on the rows it is fitted on (the model used for Open Bandit Pipeline's published setup).
     */
    public static java.util.function.Function<List<PerActionLogistic.Example>, RewardModel> sharedSlopeLogistic(
            int actions) {
        return part -> SharedSlopeLogistic.fitCrossValidated(part, actions, new double[] {0.3, 1, 3, 10, 30}, 3);
    }

    /** As above, with the reward model fitted by {@code fit} on each cross-fitting fold's complement. */
    public static DataSet generate(SyntheticBandit bandit, int n, long seed, int folds,
                                   java.util.function.Function<double[], double[]> target,
                                   java.util.function.Function<List<PerActionLogistic.Example>, RewardModel> fit) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SyntheticBandit.Round> rounds = new ArrayList<>(n);
        List<PerActionLogistic.Example> examples = new ArrayList<>(n);
        double truth = 0;
        for (int i = 0; i < n; i++) {
            SyntheticBandit.Round round = bandit.round(r);
            if (target != null) {
                round = new SyntheticBandit.Round(round.x(), round.action(), round.reward(), round.logging(),
                        target.apply(round.x()), round.q());
            }
            rounds.add(round);
            examples.add(new PerActionLogistic.Example(round.x(), round.action(), round.reward()));
            double v = 0;
            for (int a = 0; a < bandit.actions(); a++) {
                v += round.target()[a] * round.q()[a];
            }
            truth += v;
        }
        List<Integer> index = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            index.add(i);
        }
        List<RewardModel> models = folds == 0 ? List.of(bandit::expectedRewards)
                : CrossFitting.fit(index, folds, i -> i % folds, rows -> {
            List<PerActionLogistic.Example> part = new ArrayList<>(rows.size());
            for (int i : rows) {
                part.add(examples.get(i));
            }
            return fit.apply(part);
        });
        List<BanditSample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SyntheticBandit.Round round = rounds.get(i);
            double[] qHat = models.get(folds == 0 ? 0 : i % folds).predict(round.x());
            double dm = 0;
            for (int a = 0; a < qHat.length; a++) {
                dm += round.target()[a] * qHat[a];
            }
            int a = round.action();
            samples.add(new BanditSample(seed * 1_000_003L + i, round.reward(), round.logging()[a],
                    round.target()[a], qHat[a], dm));
        }
        return new DataSet(samples, truth / n);
    }

    /**
     * Open Bandit Pipeline's published experiment on {@code bandit}: an {@link IpwLearnerPolicy} fitted on a separate
     * sample of n logged rounds (drawn with seed 500 + {@code seed}) is the target of a fresh data set of n rounds.
     */
    public static DataSet withIpwLearnerTarget(SyntheticBandit bandit, int n, long seed, int folds) {
        return withIpwLearnerTarget(bandit, n, seed, folds, perActionLogistic(bandit.actions()));
    }

    public static DataSet withIpwLearnerTarget(SyntheticBandit bandit, int n, long seed, int folds,
            java.util.function.Function<List<PerActionLogistic.Example>, RewardModel> fit) {
        SplittableRandom r = new SplittableRandom(500 + seed);
        List<SyntheticBandit.Round> train = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            train.add(bandit.round(r));
        }
        IpwLearnerPolicy policy = IpwLearnerPolicy.fit(train, bandit.actions(), 1e-3, 200);
        return generate(bandit, n, seed, folds, policy::probs, fit);
    }

    public static Evaluation<BanditSample> evaluate(List<Estimator<BanditSample>> estimators,
                                                    List<BanditSample> samples, int replicates, long seed) {
        Evaluation<BanditSample> e = new Evaluation<>(estimators, replicates, seed, Double.POSITIVE_INFINITY);
        for (BanditSample s : samples) {
            e.add(s);
        }
        return e;
    }
}
