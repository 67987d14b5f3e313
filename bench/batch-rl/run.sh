#!/usr/bin/env bash
# bench/batch-rl: DDQN+BCQ from uniform-random CartPole episodes (the seed's 100 environments x 5 episodes, and
# 20 x 5 = 100 episodes with five times the epochs; ONLY=small runs just those), SEEDS training seeds (default 10) of EPOCHS epochs (default 50). Every epoch: PDIS, WIS and
# SDR on the held-out episodes and the true mean return over 100 simulated episodes; reports each seed's final mean
# return over 100 evaluation episodes, the training time, and the Spearman rank correlation between the estimates
# and the true returns across epochs. Prints the summary last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SEEDS=${SEEDS:-10}
EPOCHS=${EPOCHS:-50}
"$ROOT/rewind" --version > /dev/null
TARGET="$ROOT/jobs/spark/target"
# shellcheck disable=SC2046
java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -cp "$TARGET/rewind-jobs-spark.jar:$(cat "$TARGET/classpath.txt")" \
  "$ROOT/bench/batch-rl/BatchRlBench.java" "$SEEDS" "$EPOCHS" "${ONLY:-all}"
