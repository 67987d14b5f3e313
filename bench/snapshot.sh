# Sourced by the bench scripts: builds the jar once, then snapshots it and Rewind's module jars under $1/jar, so that
# editing sources or `mvn install` during a run cannot change what a timed command runs; defines `rewind` (the CLI
# from the snapshot, with $REWIND_JAVA_OPTS), and sets SNAP and CP.
# shellcheck shell=bash
"$ROOT/rewind" --version > /dev/null
SNAP="$1/jar"
mkdir -p "$SNAP"
cp "$ROOT/jobs/spark/target/rewind-jobs-spark.jar" "$ROOT/jobs/spark/target/classpath.txt" \
  "$ROOT/jobs/spark/target/jvm-flags.txt" "$SNAP/"
CP="$SNAP/rewind-jobs-spark.jar"
for entry in $(tr ':' ' ' < "$SNAP/classpath.txt"); do
  case "$(basename "$entry")" in
    rewind-*) cp "$entry" "$SNAP/"; CP="$CP:$SNAP/$(basename "$entry")" ;;
    *) CP="$CP:$entry" ;;
  esac
done
# shellcheck disable=SC2046
rewind() { java $REWIND_JAVA_OPTS $(cat "$SNAP/jvm-flags.txt") \
  -Dlog4j2.configurationFile=classpath:rewind-log4j2.properties -cp "$CP" io.rewind.cli.Rewind "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
