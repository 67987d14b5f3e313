#!/usr/bin/env bash
# bench/data-path/classes.sh: how many of Rewind's classes a logged decision passes through on its way from a JSON
# line to a report (issue 17's measure): `rewind join` of a small simulated log, then `rewind evaluate bandit` of
# the logger's target on the interactions with a JSON report, each run with the JVM's class-loading log; counts the
# io.rewind classes either loaded (nested and anonymous ones included, lambdas not) and the source files they come from.
# Usage: bash bench/data-path/classes.sh [ROOT]   (ROOT: a checkout to measure, default this one; built if needed)
set -euo pipefail
ROOT="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
run() { # LABEL ARGS...: one command with the class-loading log in $OUT/LABEL.classes
  local label=$1; shift
  REWIND_JAVA_OPTS="-Xmx2g -Xlog:class+load=info:file=$OUT/$label.classes" "$ROOT/rewind" "$@" > "$OUT/$label.out" 2>&1 ||
    { cat "$OUT/$label.out" >&2; exit 1; }
}
run simulate simulate --rows 2000 --target-epsilon 0.1 --output "$OUT/logs"
run join join --decisions "$OUT/logs/decisions" --rewards "$OUT/logs/rewards" --output "$OUT/interactions"
run evaluate evaluate bandit --data "$OUT/interactions" --target "$OUT/logs/target" --report "$OUT/report.json"
test -s "$OUT/report.json"
# "[...][info][class,load] io.rewind.x.Y$Z source: ..." -> io.rewind.x.Y$Z (lambdas' hidden classes left out)
cat "$OUT/join.classes" "$OUT/evaluate.classes" | sed -n 's/.*\[class,load\] \(io\.rewind\.[^ ]*\) source.*/\1/p' | grep -v '\$\$Lambda' |
  sort -u > "$OUT/loaded"
echo "join + evaluate bandit load $(wc -l < "$OUT/loaded") io.rewind classes from $(sed 's/\$.*//' "$OUT/loaded" | sort -u | wc -l) source files"
