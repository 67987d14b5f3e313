package io.rewind.ope.reward;

/** The link of a generalized linear reward model: how the linear predictor η = β·z maps to the expected reward. */
public enum Link {
    /** Binary rewards: μ = 1 / (1 + e^-η), fitted by iteratively reweighted least squares. */
    LOGISTIC {
        @Override
        public double mean(double eta) {
            return 1 / (1 + Math.exp(-eta));
        }

        @Override
        double weight(double mean) {
            return mean * (1 - mean);
        }
    },
    /** Any rewards: μ = η, ridge regression; one Newton step from any start is the exact solution. */
    IDENTITY {
        @Override
        public double mean(double eta) {
            return eta;
        }

        @Override
        double weight(double mean) {
            return 1;
        }
    };

    public abstract double mean(double eta);

    /** The IRLS weight of a row: the variance function at its mean (the Hessian's row weight). */
    abstract double weight(double mean);
}
