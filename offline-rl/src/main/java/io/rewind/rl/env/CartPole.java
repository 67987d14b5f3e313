package io.rewind.rl.env;

import java.util.SplittableRandom;

/**
 * CartPole-v0 with the classic-control dynamics (Barto, Sutton &amp; Anderson 1983, as in Gym): gravity 9.8, cart
 * mass 1.0, pole mass 0.1, pole half-length 0.5, force 10.0, time step 0.02 s with Euler integration; the episode
 * ends when the pole leans more than 12 degrees or the cart is more than 2.4 from the centre, or after 200 steps
 * (v0). Reward 1 for every step, the last one included. The start state is uniform in ±0.05 on each of
 * (x, ẋ, θ, θ̇). Action 0 pushes left, 1 pushes right.
 */
public final class CartPole implements Environment {
    public static final double GRAVITY = 9.8;
    public static final double CART_MASS = 1.0;
    public static final double POLE_MASS = 0.1;
    public static final double HALF_LENGTH = 0.5;
    public static final double FORCE = 10.0;
    public static final double TAU = 0.02;
    public static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    public static final double X_LIMIT = 2.4;
    public static final int MAX_STEPS = 200;
    public static final int ACTIONS = 2;
    public static final int STATE_DIM = 4;

    private final double[] state = new double[STATE_DIM];
    private final int maxSteps;
    private int steps;
    private boolean done = true;

    /** CartPole-v0: episodes end after 200 steps. */
    public CartPole() {
        this(MAX_STEPS);
    }

    /** With another step limit; {@code Integer.MAX_VALUE} is Gym's unwrapped environment, which the seed logs with. */
    public CartPole(int maxSteps) {
        this.maxSteps = maxSteps;
    }

    @Override
    public double[] reset(SplittableRandom r) {
        for (int i = 0; i < STATE_DIM; i++) {
            state[i] = -0.05 + 0.1 * r.nextDouble();
        }
        steps = 0;
        done = false;
        return state.clone();
    }

    @Override
    public int stateDim() {
        return STATE_DIM;
    }

    @Override
    public int actions() {
        return ACTIONS;
    }

    /** CartPole is deterministic after its start: the stream is not drawn from. */
    @Override
    public Step step(int action, SplittableRandom r) {
        return step(action);
    }

    public Step step(int action) {
        if (done) {
            throw new IllegalStateException("the episode is over: reset first");
        }
        if (action != 0 && action != 1) {
            throw new IllegalArgumentException("CartPole has actions 0 and 1, not " + action);
        }
        double[] next = dynamics(state, action);
        System.arraycopy(next, 0, state, 0, STATE_DIM);
        steps++;
        boolean failed = state[0] < -X_LIMIT || state[0] > X_LIMIT || state[2] < -THETA_LIMIT
                || state[2] > THETA_LIMIT;
        boolean truncated = !failed && steps >= maxSteps;
        done = failed || truncated;
        return new Step(state.clone(), 1.0, done, truncated);
    }

    /** One Euler step of the equations of motion. */
    public static double[] dynamics(double[] s, int action) {
        double x = s[0];
        double xDot = s[1];
        double theta = s[2];
        double thetaDot = s[3];
        double force = action == 1 ? FORCE : -FORCE;
        double total = CART_MASS + POLE_MASS;
        double poleMassLength = POLE_MASS * HALF_LENGTH;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double temp = (force + poleMassLength * thetaDot * thetaDot * sin) / total;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / total));
        double xAcc = temp - poleMassLength * thetaAcc * cos / total;
        return new double[] {x + TAU * xDot, xDot + TAU * xAcc, theta + TAU * thetaDot, thetaDot + TAU * thetaAcc};
    }

    public int steps() {
        return steps;
    }

    public boolean done() {
        return done;
    }
}
