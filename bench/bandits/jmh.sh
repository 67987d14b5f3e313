#!/usr/bin/env bash
# bench/bandits/jmh.sh: JMH microbenchmarks of the bandit learners (issue 20): LearnerJmh times one decision and
# one update per learner with 10 and 100 featured candidates (mean and p99, microseconds); StatlogPassJmh times
# the whole one-pass Statlog run per learner (milliseconds per 43,483 rows). Arguments go to JMH, e.g.
# `bash bench/bandits/jmh.sh LearnerJmh.decide -p learner=greedy`. Prints JMH's result table last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="$ROOT/bench/target"
if [ ! -f "$TARGET/classpath.txt" ] || [ ! -f "$TARGET/classes/META-INF/BenchmarkList" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl bench -am) >&2
fi
cd "$ROOT"
java -cp "$TARGET/classes:$(cat "$TARGET/classpath.txt")" org.openjdk.jmh.Main \
  -p shuttle="$ROOT/data/statlog-shuttle/shuttle.trn.gz" "${@:-LearnerJmh|StatlogPassJmh}"
