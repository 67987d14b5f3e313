#!/usr/bin/env bash
# bench/train-bandit: `rewind train-bandit` on ROWS logged decisions (default 10 million, `rewind simulate` then
# `rewind join` into Delta, made once per size), every row trained (--split all), LEARNER (default linucb, reduction
# mtr) with --training sequential (rows in event order through the driver) against --training distributed
# (statistics on the executors, merged, solved once), alternating, RUNS times each (default 3), on local[2]. Prints
# the medians, rows/s and the ratio last; the two models' θ must agree (the script compares them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}
LEARNER=${LEARNER:-linucb}
OUT=${OUT:-$ROOT/bench/out/train-bandit}
export REWIND_JAVA_OPTS="${REWIND_JAVA_OPTS:--Xmx12g -Dspark.master=local[2]}"
mkdir -p "$OUT"
# the jar's snapshot, `rewind` and `median`
# shellcheck source=bench/snapshot.sh
source "$ROOT/bench/snapshot.sh" "$OUT"

if [ ! -f "$OUT/interactions-$ROWS.done" ]; then
  rm -rf "$OUT/logs" "$OUT/interactions"
  rewind simulate --rows "$ROWS" --format parquet --partitions 16 --output "$OUT/logs" > /dev/null
  rewind join --decisions "$OUT/logs/decisions" --decisions-format parquet --rewards "$OUT/logs/rewards" \
    --rewards-format parquet --output "$OUT/interactions" > /dev/null
  touch "$OUT/interactions-$ROWS.done"
fi

declare -A times
for i in $(seq "$RUNS"); do
  for training in sequential distributed; do
    s=$(date +%s.%N)
    rewind train-bandit --data "$OUT/interactions" --learner "$LEARNER" --reduction mtr --split all \
      --training "$training" --model "$OUT/model-$training.json" > "$OUT/$training-$i.txt"
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    times[$training]+="$t "
    echo "run $i $training: $t s" >&2
  done
done
trained=$(awk '/rows_trained/ {gsub(",", "", $2); print $2}' "$OUT/distributed-1.txt")
python3 - "$OUT/model-sequential.json" "$OUT/model-distributed.json" <<'PY'
import json, sys
a, b = (json.load(open(f))["scorers"][0]["theta"] for f in sys.argv[1:3])
worst = max(abs(x - y) / max(1, abs(x)) for x, y in zip(a, b))
print(f"models agree: largest relative difference in theta {worst:.1e}")
assert worst < 1e-9
PY
echo "bench/train-bandit: $LEARNER (mtr), $trained rows trained of $ROWS decisions, local[2], $(nproc) cores," \
  "median of $RUNS runs (whole command, JVM start included)"
for training in sequential distributed; do
  m=$(echo "${times[$training]}" | tr ' ' '\n' | grep . | median)
  printf '%-12s %8.1f s  %10.0f rows/s\n' "$training" "$m" "$(echo "$trained / $m" | bc -l)"
done
sm=$(echo "${times[sequential]}" | tr ' ' '\n' | grep . | median)
dm=$(echo "${times[distributed]}" | tr ' ' '\n' | grep . | median)
echo "distributed / sequential time: $(echo "scale=2; $dm / $sm" | bc)"
