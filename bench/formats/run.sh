#!/usr/bin/env bash
# bench/formats: the per-row check of a read (Validator on decoded decision rows), RUNS times (default 3), in
# nanoseconds per row. With BASELINE_JAR=<an older rewind-formats jar> the two alternate in the same run.
# Prints the medians last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=${RUNS:-3}
OUT=${OUT:-$ROOT/bench/out/formats}
# shellcheck source=bench/snapshot.sh
source "$ROOT/bench/snapshot.sh" "$OUT"
FORMATS_JAR="$(tr ':' '\n' <<< "$CP" | grep '/rewind-formats-[^/]*\.jar$')"
OTHERS="$(tr ':' '\n' <<< "$CP" | grep -v '/rewind-formats-[^/]*\.jar$' | paste -sd:)"
declare -A ns
for i in $(seq "$RUNS"); do
  for build in ${BASELINE_JAR:+baseline} current; do
    jar=$FORMATS_JAR; [ "$build" = baseline ] && jar=$BASELINE_JAR
    line="$(java -cp "$jar:$OTHERS" "$ROOT/bench/formats/ValidatorBench.java" | tail -1)"
    echo "run $i $build: $line" >&2
    ns[$build]+="$(sed -n 's/.*: \([0-9.]*\) ns per row/\1/p' <<< "$line") "
  done
done
for build in ${BASELINE_JAR:+baseline} current; do
  m="$(tr ' ' '\n' <<< "${ns[$build]}" | grep . | median)"
  echo "bench/formats: Validator.check, decisions with 30 candidates, $build: median $m ns per row ($RUNS runs)"
done
