#!/usr/bin/env bash
# bench/collect: the Flink collector on an embedded MiniCluster, parallelism 2. Throughput: DECISIONS decisions
# (default 2 million), each with a reward, from JSON-lines folders (one per reader, LAYOUT=ranges for 8 files of
# consecutive time ranges), bounded; a warm-up run, then RUNS runs (default 3), each checked to join every reward.
# JAVA_OPTS adds JVM flags. Latency: SECONDS (default 30) of a live run with monitored folders, new files every 200 ms stamped with the wall clock, a 1 s reward
# window, 200 ms out-of-orderness, 1 s checkpoints, 1 s idle timeout and 200 ms file discovery (IDLE_MS,
# DISCOVERY_MS change them): from a decision's window close to its row appearing in a committed Parquet file, p50
# and p99. Prints the figures last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
(cd "$ROOT" && mvn -B -q -o -DskipTests install -pl jobs/flink -am) >&2
TARGET="$ROOT/jobs/flink/target"
java -Xmx8g ${JAVA_OPTS:-} -Didle="${IDLE_MS:-1000}" -Ddiscovery="${DISCOVERY_MS:-200}" -cp "$TARGET/rewind-jobs-flink.jar:$(cat "$TARGET/classpath.txt")" "$ROOT/bench/collect/CollectBench.java" \
  "${DECISIONS:-2000000}" "${RUNS:-3}" "${SECONDS_LIVE:-30}" "${OUT:-$ROOT/bench/out/collect}"
