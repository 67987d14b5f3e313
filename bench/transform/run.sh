#!/usr/bin/env bash
# bench/transform: rewind transform's Parquet-to-Parquet path on local[2]: STATES (default 10 million) CartPole
# states through a DDQN+BCQ policy, and DECISIONS (default 1 million) bandit decisions of 20 candidates each; in
# the same run a plain single-thread DJL predict loop over in-memory arrays (a 4-64-64-2 MLP, batches of 1024), the
# ceiling. One warm-up run (reported, not counted), then RUNS runs each (default 3). Prints the medians and
# ratios last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATES=${STATES:-10000000}
DECISIONS=${DECISIONS:-1000000}
RUNS=${RUNS:-3}
OUT=${OUT:-$ROOT/bench/out/transform}
mkdir -p "$OUT"
"$ROOT/rewind" --version > /dev/null
TARGET="$ROOT/jobs/spark/target"
# shellcheck disable=SC2046
java -Xmx12g ${JAVA_OPTS:-} $(cat "$TARGET/jvm-flags.txt") -Dspark.master='local[2]' \
  -Dlog4j2.configurationFile=classpath:rewind-log4j2.properties \
  -cp "$TARGET/rewind-jobs-spark.jar:$(cat "$TARGET/classpath.txt")" "$ROOT/bench/transform/TransformBench.java" \
  "$STATES" "$DECISIONS" "$RUNS" "$OUT"
