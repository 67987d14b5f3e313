#!/usr/bin/env bash
# bench/ope/evaluate.sh: `rewind evaluate bandit` against a numpy script on the same ROWS logged decisions (default
# 1 million; 30 arms, 5 context features, uniform logging, an epsilon-greedy target; `rewind simulate` then
# `rewind join` into Parquet, made once per size). Both compute IPS, SNIPS, DM, DR and SNDR with a cross-fitted
# per-arm reward model and 200 Poisson-bootstrap replicates. Alternating, RUNS times each (default 3), on local[2];
# wall and CPU seconds of the whole process (JVM or Python start included). Prints the medians and the ratio last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
ESTIMATORS=${ESTIMATORS:-ips,snips,dm,dr,sndr}
OUT=${OUT:-$ROOT/bench/out/ope-evaluate}
export REWIND_JAVA_OPTS="${REWIND_JAVA_OPTS:--Xmx8g -XX:+UseParallelGC -Dspark.master=local[2]}"
mkdir -p "$OUT"
python3 -c "import numpy" 2>/dev/null || { echo "bench/ope/evaluate.sh: the peer needs numpy (apt-get install python3-numpy)" >&2; exit 2; }
# the jar's snapshot, `rewind` and `median`
# shellcheck source=bench/snapshot.sh
source "$ROOT/bench/snapshot.sh" "$OUT"
DATA="$OUT/data-$ROWS"
if [ ! -f "$DATA/done" ]; then
  rm -rf "$DATA"
  rewind simulate --rows "$ROWS" --actions 30 --features 5 --policy uniform --target-epsilon 0.1 \
    --format parquet --partitions 4 --output "$DATA/logs" > "$OUT/simulate.txt"
  rewind join --decisions "$DATA/logs/decisions" --decisions-format parquet --rewards "$DATA/logs/rewards" \
    --rewards-format parquet --output "$DATA/interactions" --output-format parquet > /dev/null
  # shellcheck disable=SC2046
  java -Xmx8g $(cat "$SNAP/jvm-flags.txt") -Dlog4j2.configurationFile=classpath:rewind-log4j2.properties \
    -cp "$CP" "$ROOT/bench/ope/NumpyExport.java" "$DATA/interactions" "$DATA/logs/target" "$DATA/numpy"
  touch "$DATA/done"
fi
echo "target's true value: $(grep -o 'target_true_value[^,]*' "$OUT/simulate.txt" || true)" >&2

# the CLI as one executable, for /usr/bin/time
CLI="$OUT/rewind-cli"
printf '#!/usr/bin/env bash\nexec java %s %s -Dlog4j2.configurationFile=classpath:rewind-log4j2.properties -cp %q io.rewind.cli.Rewind "$@"\n' \
  "$REWIND_JAVA_OPTS" "$(cat "$SNAP/jvm-flags.txt")" "$CP" > "$CLI"
chmod +x "$CLI"
declare -A wall cpu
for i in $(seq "$RUNS"); do
  for peer in rewind numpy; do
    if [ "$peer" = rewind ]; then
      /usr/bin/time -f "%e %U %S" -o "$OUT/time" "$CLI" evaluate bandit --data "$DATA/interactions" \
        --data-format parquet --target "$DATA/logs/target" --target-format parquet --estimators "$ESTIMATORS" \
        --bootstrap 200 --report "$OUT/report.json" \
        > "$OUT/rewind-$i.txt"
    else
      /usr/bin/time -f "%e %U %S" -o "$OUT/time" python3 "$ROOT/bench/ope/ope_numpy.py" "$DATA/numpy" 200 \
        > "$OUT/numpy-$i.txt"
    fi
    read -r e u s < "$OUT/time"
    wall[$peer]+="$e "
    cpu[$peer]+="$(echo "$u + $s" | bc) "
    echo "run $i $peer: $e s wall, $(echo "$u + $s" | bc) s CPU" >&2
  done
done
echo "rewind:" >&2; grep -E '^\s*(IPS|SNIPS|DM|DR|SNDR) ' "$OUT/rewind-1.txt" >&2 || cat "$OUT/rewind-1.txt" >&2
echo "numpy:" >&2; cat "$OUT/numpy-1.txt" >&2
echo "bench/ope/evaluate: $ROWS decisions, 30 arms, $ESTIMATORS, 200 bootstrap replicates, local[2], $(nproc) cores," \
  "median of $RUNS runs (whole process)"
for peer in rewind numpy; do
  w=$(echo "${wall[$peer]}" | tr ' ' '\n' | grep . | median)
  c=$(echo "${cpu[$peer]}" | tr ' ' '\n' | grep . | median)
  printf '%-7s %8.1f s wall %8.1f s CPU\n' "$peer" "$w" "$c"
done
rw=$(echo "${wall[rewind]}" | tr ' ' '\n' | grep . | median)
nw=$(echo "${wall[numpy]}" | tr ' ' '\n' | grep . | median)
echo "rewind / numpy wall time: $(echo "scale=2; $rw / $nw" | bc)"
