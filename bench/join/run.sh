#!/usr/bin/env bash
# bench/join: ROWS decisions (default 10 million) and their rewards, generated as Parquet, joined into Delta on
# local[2] by `rewind join`, RUNS times; the peer is a plain Spark SQL left join of the same files (no validation,
# no quarantine, no counts) in the same run. Prints the median figures last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}
OUT=${OUT:-$ROOT/bench/out/join}
export REWIND_JAVA_OPTS="${REWIND_JAVA_OPTS:--Xmx12g -Dspark.master=local[2]}"
mkdir -p "$OUT"

if [ ! -f "$OUT/logs-$ROWS.done" ]; then
  "$ROOT/rewind" simulate --rows "$ROWS" --format parquet --partitions 16 --output "$OUT/logs" \
    --reward-delay 30s --missing-rewards 0.1 --duplicate-rewards 0.02 > "$OUT/simulate.txt"
  touch "$OUT/logs-$ROWS.done"
fi
# the jar's snapshot, `rewind` and `median`
# shellcheck source=bench/snapshot.sh
source "$ROOT/bench/snapshot.sh" "$OUT"
rewind_times=(); plain_times=()
for i in $(seq "$RUNS"); do
  s=$(date +%s.%N)
  rewind join --decisions "$OUT/logs/decisions" --decisions-format parquet \
    --rewards "$OUT/logs/rewards" --rewards-format parquet --output "$OUT/interactions" \
    --reward-window 10m > "$OUT/join-$i.txt"
  e=$(date +%s.%N); rewind_times+=("$(echo "$e - $s" | bc)")
  # shellcheck disable=SC2046
  p=$(java -Xmx12g $(cat "$SNAP/jvm-flags.txt") -Dlog4j2.configurationFile=classpath:rewind-log4j2.properties \
      -cp "$CP" "$ROOT/bench/join/PlainJoin.java" "$OUT/logs/decisions" "$OUT/logs/rewards" "$OUT/plain" \
      | awk '/plain_join_seconds/ {print $2}')
  plain_times+=("$p")
  echo "run $i: rewind join ${rewind_times[-1]} s (whole command), plain Spark join $p s (join only)"
done
cat "$OUT/join-1.txt"
rm=$(printf '%s\n' "${rewind_times[@]}" | median)
pm=$(printf '%s\n' "${plain_times[@]}" | median)
echo "rows=$ROWS runs=$RUNS machine=$(nproc) cores, local[2]"
echo "median rewind join: ${rm} s, $(echo "$ROWS / $rm" | bc) decisions/s (command wall time, JVM start included)"
echo "median plain Spark join (peer): ${pm} s, $(echo "$ROWS / $pm" | bc) decisions/s; ratio $(echo "scale=2; $rm / $pm" | bc)"
