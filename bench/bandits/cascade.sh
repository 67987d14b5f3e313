#!/usr/bin/env bash
# bench/bandits/cascade.sh: the MovieLens experimentation-mode setup (item pool 100, top 5, 100 users, 2,000
# rounds): cumulative regret of each learner against the uniform-random ranking. ML100K=/path/to/ml-100k uses the
# real files; without it a data set is generated in the same layout (943 users, 1,682 items, 100 ratings each).
# Prints the regrets last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=${ROUNDS:-2000}
LEARNERS=${LEARNERS:-regcb-opt:mellowness=0.01,linucb,squarecb,epsilon-greedy,greedy}
"$ROOT/rewind" --version > /dev/null
TARGET="$ROOT/jobs/spark/target"
DATA=${ML100K:-$ROOT/bench/out/movielens-generated}
# shellcheck disable=SC2046
java -Xmx8g -cp "$TARGET/rewind-jobs-spark.jar:$(cat "$TARGET/classpath.txt")" \
  "$ROOT/bench/bandits/CascadeBench.java" "$DATA" "$ROUNDS" "$LEARNERS" "${ML100K:+real}"
