#!/usr/bin/env bash
# bench/batch-rl/latent.sh: `rewind train-rl` on about 10 million transitions of the latent-mdp simulator (50-number
# states, 10 actions, optimal return 9.5), with a 2 GB driver heap, on a Spark standalone cluster of 2 one-core
# Workers with WORKER_MEMORY each (separate JVMs on 127.0.0.1, only a Spark distribution's jars). simulate-rl logs
# ENVS x EPISODES uniform-random episodes (default 1000 x 1000) on the cluster; train-rl then trains EPOCHS epochs
# (default 2) in the driver (--workers 1) and data-parallel on both Workers (--workers 2), with the README's
# latent-mdp settings. Each run's driver writes a GC log; the script prints, per run, the driver's largest heap
# occupancy before and after a collection, the gradient-step seconds of each epoch, the submit's wall time and the
# learned policy's mean return over 10,000 simulated episodes beside the optimum and the behaviour's return, last.
# With 2 workers the parameters are averaged every SYNC_EVERY steps (default train-rl's 20).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENVS=${ENVS:-1000}
EPISODES=${EPISODES:-1000}
EPOCHS=${EPOCHS:-2}
WORKERS=${WORKERS:-"1 2"}
WORKER_MEMORY=${WORKER_MEMORY:-6g}
SYNC_EVERY=${SYNC_EVERY:-20}
OUT=${OUT:-$ROOT/bench/out/batch-rl-latent}
mkdir -p "$OUT"
# shellcheck source=bench/standalone-cluster.sh
source "$ROOT/bench/standalone-cluster.sh"
start_cluster 2 "$WORKER_MEMORY"

# submit NAME ARGS...: the CLI through spark-submit in client mode, the driver with a 2 GB heap and a GC log
submit() {
  local name=$1
  shift
  # shellcheck disable=SC2086
  java -Xmx2g "-Xlog:gc:file=$OUT/gc-$name.log" $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "spark://127.0.0.1:$PORT" --deploy-mode client --executor-memory "$WORKER_MEMORY" \
    --total-executor-cores 2 --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=8 \
    --conf spark.local.dir="$OUT/spark-local" --class io.rewind.cli.Rewind "$JAR" "$@" \
    > "$OUT/$name.txt" 2>&1 || { tail -50 "$OUT/$name.txt" >&2; exit 1; }
}

# heap NAME: the largest occupancy before and after a collection in the driver's GC log, MB
heap() {
  sed -n 's/.* \([0-9]*\)M->\([0-9]*\)M(.*/\1 \2/p' "$OUT/gc-$1.log" |
    awk '{ if ($1 > b) b = $1; if ($2 > a) a = $2 } END { printf "%d MB before, %d MB after a collection", b, a }'
}

if [ ! -f "$OUT/episodes-$ENVS-$EPISODES.done" ]; then
  rm -rf "$OUT/episodes"
  s=$(date +%s.%N)
  submit simulate simulate-rl --env latent-mdp --envs "$ENVS" --episodes-per-env "$EPISODES" --output "$OUT/episodes"
  e=$(date +%s.%N)
  printf 'simulate-rl: %s, %.0f s, driver heap %s\n' "$(awk '$1 == "steps" {print $2 " steps"}' "$OUT/simulate.txt")" \
    "$(echo "$e - $s" | bc)" "$(heap simulate)"
  touch "$OUT/episodes-$ENVS-$EPISODES.done"
fi
behaviour=$(awk '$1 == "mean_return" {print $2}' "$OUT/simulate.txt" 2>/dev/null || echo "?")

summary=""
for n in $WORKERS; do
  run="$OUT/run-$n"
  rm -rf "$run" "$OUT/spark-local"
  s=$(date +%s.%N)
  submit "train-$n" train-rl --data "$OUT/episodes" --output "$run" --env latent-mdp --gamma 1 \
    --target-update-every 1 --target-update-rate 0.005 --epochs "$EPOCHS" --workers "$n" \
    --sync-every "$SYNC_EVERY"
  e=$(date +%s.%N)
  epochs=$(awk -F, 'NR > 1 { printf "%s%.1f", (NR > 2 ? " / " : ""), $8 - last; last = $8 }' "$run/metrics.csv")
  ret=$("$ROOT/rewind" evaluate-rl --env latent-mdp --policy "$run/policy" --episodes 10000 2>/dev/null |
    awk '$1 == "mean_return" {print $2}')
  line=$(printf '%d worker(s): gradient seconds per epoch %s; submit %.0f s; driver heap %s; return %s' "$n" \
    "$epochs" "$(echo "$e - $s" | bc)" "$(heap "train-$n")" "$ret")
  echo "$line"
  summary+="$line"$'\n'
done
echo
echo "train-rl on $(awk '$1 == "transitions" {print $2}' "$OUT/train-1.txt" 2>/dev/null || echo "?") latent-mdp" \
  "transitions, 2 GB driver heap, 2 one-core Workers of $WORKER_MEMORY, $EPOCHS epochs, averaging every" \
  "$SYNC_EVERY steps, $(nproc) cores;" \
  "optimal return 9.5, behaviour $behaviour:"
printf '%s' "$summary"
