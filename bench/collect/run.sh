#!/usr/bin/env bash
# bench/collect: the Flink collector on an embedded MiniCluster, parallelism 2. Throughput: DECISIONS decisions
# (default 2 million), each with a reward, from JSON-lines folders (one per reader, LAYOUT=ranges for 8 files of
# consecutive time ranges), bounded; a warm-up run, then RUNS runs (default 3), each checked to join every reward.
# JAVA_OPTS adds JVM flags. Latency: SECONDS_LIVE (default 30) of a live run with monitored folders, new files
# every 200 ms stamped with the wall clock, a 1 s reward window, 200 ms out-of-orderness, 1 s checkpoints, 1 s
# idle timeout and 200 ms file discovery (IDLE_MS, DISCOVERY_MS change them): from a decision's window close to
# its row appearing in a committed Parquet file, p50 and p99.
# Peer (PEER_RUNS, default 3; 0 skips it): the batch join, `./rewind join` on local Spark with 2 cores, on the same
# files, timed from the command's start to its end (JVM and Spark start included, as a scheduled job pays them).
# Prints the figures last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
(cd "$ROOT" && mvn -B -q -o -DskipTests install -pl jobs/flink -am) >&2
TARGET="$ROOT/jobs/flink/target"
N="${DECISIONS:-2000000}"
OUT="${OUT:-$ROOT/bench/out/collect}"
mkdir -p "$OUT"
java -Xmx8g ${JAVA_OPTS:-} -Didle="${IDLE_MS:-1000}" -Ddiscovery="${DISCOVERY_MS:-200}" \
  -cp "$TARGET/rewind-jobs-flink.jar:$(cat "$TARGET/classpath.txt")" "$ROOT/bench/collect/CollectBench.java" \
  "$N" "${RUNS:-3}" "${SECONDS_LIVE:-30}" "$OUT" | tee "$OUT/collect.txt"

PEER_RUNS="${PEER_RUNS:-3}"
if [ "$PEER_RUNS" -gt 0 ]; then
  IN="$OUT/in-$N-interleaved-2"
  [ "${LAYOUT:-}" = ranges ] && IN="$OUT/in-$N-ranges"
  rates=()
  for r in $(seq "$PEER_RUNS"); do
    rm -rf "$OUT/peer-out" "$OUT/peer-out_quarantine" "$OUT/peer-out_summary.json"
    t0=$(date +%s%N)
    REWIND_JAVA_OPTS="-Xmx8g -Dspark.master=local[2]" "$ROOT/rewind" join --decisions "$IN/decisions" \
      --rewards "$IN/rewards" --output "$OUT/peer-out" --output-format parquet --reward-window 2m >/dev/null 2>&1
    t1=$(date +%s%N)
    grep -q "\"joined\" : $N," "$OUT/peer-out_summary.json" || { echo "peer: not every decision joined" >&2; exit 1; }
    rate=$(( N * 1000000000 / (t1 - t0) ))
    echo "peer run $r: rewind join (Spark local[2]) $rate decisions/s"
    rates+=("$rate")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (PEER_RUNS + 1) / 2 ))p")
fi
echo
grep -A2 "^rewind collect" "$OUT/collect.txt"
[ "$PEER_RUNS" -gt 0 ] && echo "  peer, the same files through rewind join (Spark local[2], batch), median of $PEER_RUNS runs: $median decisions/s"
exit 0
