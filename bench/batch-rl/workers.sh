#!/usr/bin/env bash
# bench/batch-rl/workers.sh: `rewind train-rl --workers N` on a Spark standalone cluster (a Master and 4 Workers with
# 1 core and WORKER_MEMORY each, separate JVMs on 127.0.0.1, only a Spark distribution's jars: what SparkClusterIT
# starts), for N in WORKERS (default "1 2 4"; 1 trains in the driver), SEEDS training seeds each (default 10), EPOCHS
# epochs (default 50), on the seed's CartPole set (100 environments x 5 uniform-random episodes, 80% of the episodes
# for training). Each policy then runs 100 simulated episodes (CartPole-v0, 200-step cap). Prints, per N, the seeds
# reaching a mean return of 195, the median return and the median wall time of the submit, last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORKERS=${WORKERS:-"1 2 4"}
SEEDS=${SEEDS:-10}
EPOCHS=${EPOCHS:-50}
WORKER_MEMORY=${WORKER_MEMORY:-1500m}
OUT=${OUT:-$ROOT/bench/out/batch-rl-workers}
mkdir -p "$OUT"
"$ROOT/rewind" --version > /dev/null # builds the assembly and the distribution when missing
SPARK_HOME="$ROOT/jobs/spark-distribution/target/spark"
TARGET="$ROOT/jobs/spark/target"
JAR="$(ls "$TARGET"/rewind-spark-*.jar | head -n 1)"
FLAGS="$(cat "$TARGET/jvm-flags.txt")"
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

if [ ! -f "$OUT/episodes.done" ]; then
  rm -rf "$OUT/episodes"
  "$ROOT/rewind" simulate-rl --envs 100 --episodes-per-env 5 --output "$OUT/episodes" > /dev/null
  touch "$OUT/episodes.done"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
PORT=$(free_port)
# shellcheck disable=SC2086
java -Xmx512m $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port "$PORT" --webui-port "$(free_port)" > "$OUT/master.log" 2>&1 &
PIDS+=($!)
for w in 0 1 2 3; do
  rm -rf "$OUT/work-$w"
  # shellcheck disable=SC2086
  java -Xmx512m $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
    --memory "$WORKER_MEMORY" --work-dir "$OUT/work-$w" --webui-port "$(free_port)" "spark://127.0.0.1:$PORT" \
    > "$OUT/worker-$w.log" 2>&1 &
  PIDS+=($!)
done
for _ in $(seq 600); do
  [ "$(grep -c 'Registering worker' "$OUT/master.log" 2>/dev/null || true)" -ge 4 ] 2>/dev/null && break
  sleep 0.2
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
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
      > "$OUT/last.txt" 2>&1 || { cat "$OUT/last.txt" >&2; exit 1; }
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
echo "train-rl on a standalone cluster of 4 one-core Workers, $EPOCHS epochs, $(nproc) cores:"
printf '%s' "$summary"
