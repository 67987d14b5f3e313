#!/usr/bin/env bash
# bench/ope: ROWS (default 10 million) logged decisions over 10 actions in Parquet; IPS, SNIPS and DR with a 95%
# Poisson-bootstrap interval on local[2], against a single-threaded in-memory loop over the same decoded arrays.
# Prints the medians and the ratio last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}
OUT=${OUT:-$ROOT/bench/out/ope}
mkdir -p "$OUT"
"$ROOT/rewind" --version > /dev/null   # builds the jar if needed
TARGET="$ROOT/jobs/spark/target"
# shellcheck disable=SC2046
java -Xmx14g $(cat "$TARGET/jvm-flags.txt") -Dlog4j2.configurationFile=classpath:rewind-log4j2.properties \
  -cp "$TARGET/rewind-jobs-spark.jar:$(cat "$TARGET/classpath.txt")" "$ROOT/bench/ope/OpeBench.java" \
  "$ROWS" "$OUT/samples-$ROWS.parquet" "$RUNS"
