#!/usr/bin/env bash
# bench/bandits: decisions plus updates per second, one thread, for every learner: 10 candidate actions with 20
# features each and a 5-feature context (121 model features with context x action interactions), ROUNDS rounds
# (default 20,000), RUNS runs (default 5); then one pass over Statlog (Shuttle) per learner (9 features, quadratic,
# 7 arms), the file VW 9 processes at 60,000-400,000 examples/s on one core here. Prints the medians last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=${ROUNDS:-20000}
RUNS=${RUNS:-5}
SHUTTLE=${SHUTTLE:-$ROOT/data/statlog-shuttle/shuttle.trn.gz}
"$ROOT/rewind" --version > /dev/null   # builds the jars if needed
TARGET="$ROOT/jobs/spark/target"
# shellcheck disable=SC2046
java -Xmx4g -cp "$TARGET/rewind-jobs-spark.jar:$(cat "$TARGET/classpath.txt")" \
  "$ROOT/bench/bandits/BanditBench.java" "$ROUNDS" "$RUNS" "$SHUTTLE"
