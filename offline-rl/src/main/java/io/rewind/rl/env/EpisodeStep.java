package io.rewind.rl.env;

/** One row of the episodes table: the observation before the action, the action, its distribution and reward. */
public record EpisodeStep(long episodeId, int step, double[] state, int action, double[] actionProbs, double reward,
                          boolean done) {
}
