#!/usr/bin/env bash
# bench/cluster: `rewind join` of ROWS decisions (default 10 million, Parquet) and `rewind transform` of STATES
# CartPole states (default 10 million) through a DDQN+BCQ policy, each submitted through Spark's SparkSubmit to a
# standalone cluster (a Master and two Workers with 1 core and WORKER_MEMORY each, separate JVMs on 127.0.0.1, only
# a Spark distribution's jars: what SparkClusterIT starts) and to local[2] on the same machine, in the same run,
# RUNS times each (default 3), alternating, both with SHUFFLE_PARTITIONS shuffle partitions. Prints the medians and the cluster/local ratios last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS=${ROWS:-10000000}
STATES=${STATES:-10000000}
RUNS=${RUNS:-3}
# the same for both (Rewind sets 2 per core only for local runs without a setting; Spark's default is 200)
SHUFFLE_PARTITIONS=${SHUFFLE_PARTITIONS:-16}
WORKER_MEMORY=${WORKER_MEMORY:-6g}
OUT=${OUT:-$ROOT/bench/out/cluster}
mkdir -p "$OUT"
# shellcheck source=bench/standalone-cluster.sh
source "$ROOT/bench/standalone-cluster.sh"

# data, made once per size
if [ ! -f "$OUT/logs-$ROWS.done" ]; then
  rm -rf "$OUT/logs"
  "$ROOT/rewind" simulate --rows "$ROWS" --format parquet --partitions 16 --output "$OUT/logs" > /dev/null
  touch "$OUT/logs-$ROWS.done"
fi
if [ ! -f "$OUT/episodes-$STATES.done" ]; then
  rm -rf "$OUT/episodes" "$OUT/policy-run" "$OUT/sample"
  # random CartPole episodes average about 22 steps
  "$ROOT/rewind" simulate-rl --envs 1000 --episodes-per-env $(( STATES / 22 / 1000 + 1 )) --output "$OUT/episodes" \
    > /dev/null
  "$ROOT/rewind" simulate-rl --envs 20 --episodes-per-env 10 --output "$OUT/sample" > /dev/null
  "$ROOT/rewind" train-rl --data "$OUT/sample" --output "$OUT/policy-run" --epochs 1 > /dev/null
  touch "$OUT/episodes-$STATES.done"
fi

start_cluster 2 "$WORKER_MEMORY"

# submit MASTER ARGS...: the same SparkSubmit for both, seconds on stdout
submit() {
  local master=$1; shift
  local s e
  s=$(date +%s.%N)
  # shellcheck disable=SC2086
  java -Xmx8g $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --master "$master" \
    --deploy-mode client --driver-memory 8g --executor-memory "$WORKER_MEMORY" --total-executor-cores 2 \
    --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions="$SHUFFLE_PARTITIONS" --class io.rewind.cli.Rewind "$JAR" "$@" > "$OUT/last.txt" 2>&1 \
    || { cat "$OUT/last.txt" >&2; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
declare -A times
for i in $(seq "$RUNS"); do
  for where in cluster local; do
    master="spark://127.0.0.1:$PORT"; [ "$where" = local ] && master="local[2]"
    rm -rf "$OUT/join-$where" "$OUT/join-${where}_quarantine" "$OUT/join-${where}_summary.json" "$OUT/scored-$where" \
      "$OUT/scored-${where}_quarantine"
    t=$(submit "$master" join --decisions "$OUT/logs/decisions" --decisions-format parquet \
      --rewards "$OUT/logs/rewards" --rewards-format parquet --output "$OUT/join-$where")
    times[join-$where]+="$t "
    echo "run $i $where join: $t s" >&2
    t=$(submit "$master" transform --model "$OUT/policy-run/policy" --input "$OUT/episodes" --input-format parquet \
      --output "$OUT/scored-$where" --output-format parquet)
    times[transform-$where]+="$t "
    echo "run $i $where transform: $t s" >&2
  done
done
echo
echo "bench/cluster: $ROWS decisions joined, $STATES-state episodes table scored; 2 Workers x 1 core vs local[2]," \
  "same machine ($(nproc) cores), median of $RUNS runs"
for job in join transform; do
  c=$(echo "${times[$job-cluster]}" | tr ' ' '\n' | grep . | median)
  l=$(echo "${times[$job-local]}" | tr ' ' '\n' | grep . | median)
  printf '%-9s cluster %8.1f s   local[2] %8.1f s   cluster/local %.2f\n' "$job" "$c" "$l" "$(echo "$c / $l" | bc -l)"
done
