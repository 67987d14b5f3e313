#!/usr/bin/env bash
# bench/mapping: ROWS impressions (default 10 million) in the shape a user's own log has (text times in Paris time,
# the context one column per feature, candidates as text, clicks in their own table), joined by
# `rewind join --mapping` on local[2], RUNS times; the peer is `rewind join` on the same events already in Rewind's
# schema (Parquet), in the same run. Prints the median figures last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}
OUT=${OUT:-$ROOT/bench/out/mapping}
export REWIND_JAVA_OPTS="${REWIND_JAVA_OPTS:--Xmx12g -Dspark.master=local[2]}"
mkdir -p "$OUT"
# the jar's snapshot, `rewind` and `median`
# shellcheck source=bench/snapshot.sh
source "$ROOT/bench/snapshot.sh" "$OUT"

if [ ! -f "$OUT/logs-$ROWS.done" ]; then
  rewind simulate --rows "$ROWS" --format parquet --partitions 16 --output "$OUT/logs" \
    --reward-delay 30s --missing-rewards 0.1 > "$OUT/simulate.txt"
  # shellcheck disable=SC2046
  java -Xmx12g $(cat "$SNAP/jvm-flags.txt") -Dlog4j2.configurationFile=classpath:rewind-log4j2.properties \
    -cp "$CP" "$ROOT/bench/mapping/OwnShape.java" "$OUT/logs/decisions" "$OUT/logs/rewards" "$OUT/own"
  touch "$OUT/logs-$ROWS.done"
fi
mapped_times=(); plain_times=()
for i in $(seq "$RUNS"); do
  s=$(date +%s.%N)
  rewind join --mapping "$OUT/own/mapping.yaml" --output "$OUT/mapped" --reward-window 10m > "$OUT/mapped-$i.txt"
  e=$(date +%s.%N); mapped_times+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N)
  rewind join --decisions "$OUT/logs/decisions" --decisions-format parquet --rewards "$OUT/logs/rewards" \
    --rewards-format parquet --output "$OUT/plain" --reward-window 10m > "$OUT/plain-$i.txt"
  e=$(date +%s.%N); plain_times+=("$(echo "$e - $s" | bc)")
  echo "run $i: join --mapping ${mapped_times[-1]} s, join on Rewind's schema ${plain_times[-1]} s"
done
cat "$OUT/mapped-1.txt"
mm=$(printf '%s\n' "${mapped_times[@]}" | median)
pm=$(printf '%s\n' "${plain_times[@]}" | median)
echo "rows=$ROWS runs=$RUNS machine=$(nproc) cores, local[2]"
echo "median rewind join --mapping: ${mm} s, $(echo "$ROWS / $mm" | bc) impressions/s (command wall time)"
echo "median rewind join on Rewind's schema (peer): ${pm} s, $(echo "$ROWS / $pm" | bc) decisions/s; ratio $(echo "scale=2; $mm / $pm" | bc)"
