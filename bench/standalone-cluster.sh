# Sourced by the cluster benchmarks: a Spark standalone cluster as SparkClusterIT starts one (a Master and one-core
# Workers in separate JVMs on 127.0.0.1, only a Spark distribution's jars), killed with its executors on exit.
# Needs ROOT and OUT; sets SPARK_HOME, JAR, FLAGS and, after start_cluster WORKERS MEMORY, PORT.
"$ROOT/rewind" --version > /dev/null # builds the assembly and the distribution when missing
SPARK_HOME="$ROOT/jobs/spark-distribution/target/spark"
TARGET="$ROOT/jobs/spark/target"
JAR="$(ls "$TARGET"/rewind-spark-*.jar | head -n 1)"
FLAGS="$(cat "$TARGET/jvm-flags.txt")"
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# start_cluster WORKERS MEMORY: a Master and WORKERS Workers of 1 core and MEMORY each; waits until they registered
start_cluster() {
  local workers=$1 memory=$2
  PORT=$(free_port)
  # shellcheck disable=SC2086
  java -Xmx512m $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
    --port "$PORT" --webui-port "$(free_port)" > "$OUT/master.log" 2>&1 &
  PIDS+=($!)
  disown # no "Killed" line from the shell when cleanup ends it
  for w in $(seq 0 $(( workers - 1 ))); do
    rm -rf "$OUT/work-$w"
    # shellcheck disable=SC2086
    java -Xmx512m $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
      --memory "$memory" --work-dir "$OUT/work-$w" --webui-port "$(free_port)" "spark://127.0.0.1:$PORT" \
      > "$OUT/worker-$w.log" 2>&1 &
    PIDS+=($!)
    disown
  done
  for _ in $(seq 600); do
    [ "$(grep -c 'Registering worker' "$OUT/master.log" 2>/dev/null || true)" -ge "$workers" ] 2>/dev/null && return
    sleep 0.2
  done
  echo "the Workers did not register: $OUT/master.log" >&2
  exit 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
