#!/usr/bin/env bash
# bench/batch-rl/workers.sh: `rewind train-rl --workers N` on a Spark standalone cluster (a Master and 4 Workers with
# 1 core and WORKER_MEMORY each, separate JVMs on 127.0.0.1, only a Spark distribution's jars: what SparkClusterIT
# starts), for N in WORKERS (default "1 2 4"; 1 trains in the driver), SEEDS training seeds each (default 10), EPOCHS
# epochs (default 50), averaging every SYNC_EVERY steps (default: train-rl's), on the seed's CartPole set (100
# environments x 5 uniform-random episodes, 80% of the episodes for training). Each policy then runs 100 simulated
# episodes (CartPole-v0, 200-step cap). Prints, per N, the seeds
# reaching a mean return of 195, the median return and the median wall time of the submit, last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORKERS=${WORKERS:-"1 2 4"}
SEEDS=${SEEDS:-10}
EPOCHS=${EPOCHS:-50}
SYNC_EVERY=${SYNC_EVERY:-}
WORKER_MEMORY=${WORKER_MEMORY:-1500m}
OUT=${OUT:-$ROOT/bench/out/batch-rl-workers}
mkdir -p "$OUT"
# shellcheck source=bench/standalone-cluster.sh
source "$ROOT/bench/standalone-cluster.sh"

if [ ! -f "$OUT/episodes.done" ]; then
  rm -rf "$OUT/episodes"
  "$ROOT/rewind" simulate-rl --envs 100 --episodes-per-env 5 --output "$OUT/episodes" > /dev/null
  touch "$OUT/episodes.done"
fi

start_cluster 4 "$WORKER_MEMORY"

summary=""
for n in $WORKERS; do
  : > "$OUT/returns-$n.txt"
  : > "$OUT/seconds-$n.txt"
  for seed in $(seq "$SEEDS"); do
    run="$OUT/run-$n-$seed"
    rm -rf "$run"
    s=$(date +%s.%N)
    # shellcheck disable=SC2086
    java -Xmx2g $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$PORT" \
      --deploy-mode client --executor-memory "$WORKER_MEMORY" --total-executor-cores 4 \
      --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=4 --class io.rewind.cli.Rewind "$JAR" \
      train-rl --data "$OUT/episodes" --output "$run" --epochs "$EPOCHS" --seed "$seed" --workers "$n" \
      ${SYNC_EVERY:+--sync-every "$SYNC_EVERY"} > "$OUT/last.txt" 2>&1 || { cat "$OUT/last.txt" >&2; exit 1; }
    e=$(date +%s.%N)
    secs=$(echo "$e - $s" | bc)
    ret=$("$ROOT/rewind" evaluate-rl --policy "$run/policy" --episodes 100 | awk '$1 == "mean_return" {print $2}')
    echo "$ret" >> "$OUT/returns-$n.txt"
    echo "$secs" >> "$OUT/seconds-$n.txt"
    printf '  workers %d seed %2d: mean return %6.1f, train-rl submit %6.1f s\n' "$n" "$seed" "$ret" "$secs"
  done
  passed=$(awk '$1 >= 195' "$OUT/returns-$n.txt" | wc -l)
  summary+=$(printf '%d worker(s): %d of %d seeds reach 195; median return %s; median wall time %s s' "$n" \
    "$passed" "$SEEDS" "$(median < "$OUT/returns-$n.txt")" "$(median < "$OUT/seconds-$n.txt")")$'\n'
done
echo
echo "train-rl on a standalone cluster of 4 one-core Workers, $EPOCHS epochs${SYNC_EVERY:+, averaging every $SYNC_EVERY steps}, $(nproc) cores:"
printf '%s' "$summary"
