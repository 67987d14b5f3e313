#!/usr/bin/env bash
# bench/train-bandit/cluster.sh: `rewind train-bandit` on ROWS logged decisions (default 10 million, `rewind simulate`
# then `rewind join` into Delta, made once per size), every row trained (--split all), LEARNER (default linucb,
# reduction mtr), --training sequential against --training distributed, each submitted through Spark's SparkSubmit
# to the PLACES given (default "cluster local": a standalone cluster of a Master and two one-core Workers in separate
# JVMs on 127.0.0.1 with only a Spark distribution's jars, as SparkClusterIT starts it, and local[2] on the same
# machine), alternating, RUNS times each (default 3). The two modes' θ must agree (checked). Prints the medians, rows/s
# and the distributed/sequential ratio per place last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}
LEARNER=${LEARNER:-linucb}
PLACES=${PLACES:-cluster local}
WORKER_MEMORY=${WORKER_MEMORY:-6g}
OUT=${OUT:-$ROOT/bench/out/train-bandit-cluster}
mkdir -p "$OUT"
# shellcheck source=bench/standalone-cluster.sh
source "$ROOT/bench/standalone-cluster.sh"

if [ ! -f "$OUT/interactions-$ROWS.done" ]; then
  rm -rf "$OUT/logs" "$OUT/interactions"
  "$ROOT/rewind" simulate --rows "$ROWS" --format parquet --partitions 16 --output "$OUT/logs" > /dev/null
  "$ROOT/rewind" join --decisions "$OUT/logs/decisions" --decisions-format parquet --rewards "$OUT/logs/rewards" \
    --rewards-format parquet --output "$OUT/interactions" > /dev/null
  touch "$OUT/interactions-$ROWS.done"
fi

start_cluster 2 "$WORKER_MEMORY"

# train PLACE MODE RUN: one submit, its seconds on stdout
train() {
  local place=$1 mode=$2 run=$3 master s e
  master="spark://127.0.0.1:$PORT"; [ "$place" = local ] && master="local[2]"
  s=$(date +%s.%N)
  # shellcheck disable=SC2086
  java -Xmx8g $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --master "$master" \
    --deploy-mode client --driver-memory 8g --executor-memory "$WORKER_MEMORY" --total-executor-cores 2 \
    --conf spark.ui.enabled=false --class io.rewind.cli.Rewind "$JAR" train-bandit --data "$OUT/interactions" \
    --learner "$LEARNER" --reduction mtr --split all --training "$mode" --model "$OUT/model-$place-$mode.json" \
    > "$OUT/$place-$mode-$run.txt" 2>&1 || { cat "$OUT/$place-$mode-$run.txt" >&2; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
declare -A times
for i in $(seq "$RUNS"); do
  for place in $PLACES; do
    for mode in sequential distributed; do
      t=$(train "$place" "$mode" "$i")
      times[$place-$mode]+="$t "
      echo "run $i $place $mode: $t s" >&2
    done
  done
done
first=${PLACES%% *}
trained=$(awk '/rows_trained/ {gsub(",", "", $2); print $2}' "$OUT/$first-distributed-1.txt")
for place in $PLACES; do
  python3 - "$OUT/model-$place-sequential.json" "$OUT/model-$place-distributed.json" <<'PY'
import json, sys
a, b = (json.load(open(f))["scorers"][0]["theta"] for f in sys.argv[1:3])
worst = max(abs(x - y) / max(1, abs(x)) for x, y in zip(a, b))
print(f"{sys.argv[1].split('model-')[1].split('-')[0]}: models agree, largest relative difference in theta {worst:.1e}")
assert worst < 1e-9
PY
done
echo "bench/train-bandit/cluster.sh: $LEARNER (mtr), $trained rows trained of $ROWS decisions; cluster = 2 Workers x" \
  "1 core, local = local[2], same machine ($(nproc) cores); median of $RUNS runs (whole submit, JVM start included)"
for place in $PLACES; do
  for mode in sequential distributed; do
    m=$(echo "${times[$place-$mode]}" | tr ' ' '\n' | grep . | median)
    printf '%-8s %-12s %8.1f s  %10.0f rows/s\n' "$place" "$mode" "$m" "$(echo "$trained / $m" | bc -l)"
  done
  sm=$(echo "${times[$place-sequential]}" | tr ' ' '\n' | grep . | median)
  dm=$(echo "${times[$place-distributed]}" | tr ' ' '\n' | grep . | median)
  echo "$place: distributed / sequential time $(echo "scale=2; $dm / $sm" | bc)"
done
