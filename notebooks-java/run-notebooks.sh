#!/usr/bin/env bash
# Executes every notebook top to bottom in a real Jupyter (nbconvert) with the Rewind Java kernel.
# A cell that throws fails the run; so does a notebook without an inline chart. Then check_kernel.py interrupts
# running cells through Jupyter's client. Run after `mvn package`
# (mvn verify runs it at integration-test). Usage: bash notebooks-java/run-notebooks.sh [NOTEBOOK.ipynb ...]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/target"
JUPYTER_BIN="${JUPYTER:-$(command -v jupyter || echo /usr/bin/jupyter)}"
[ -x "$JUPYTER_BIN" ] || { echo "run-notebooks: jupyter not found (apt-get install jupyter-nbconvert jupyter-client python3-nbclient)" >&2; exit 1; }

CP="$TARGET/rewind-notebooks.jar:$(cat "$TARGET/classpath.txt")"
export JUPYTER_PATH="$TARGET/jupyter"
export JUPYTER_DATA_DIR="$TARGET/jupyter"
export JUPYTER_RUNTIME_DIR="$TARGET/jupyter/runtime"
export REWIND_NOTEBOOK_WORK="$TARGET/notebook-work"
java -cp "$CP" io.rewind.notebook.kernel.InstallKernel "$JUPYTER_PATH/kernels" \
  "${REWIND_KERNEL_JAVA_OPTS:--Xmx4g} $(cat "$TARGET/jvm-flags.txt")" "$CP"

if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=("$HERE"/notebooks/*.ipynb); fi
mkdir -p "$TARGET/executed" "$REWIND_NOTEBOOK_WORK" "$TARGET/nbconvert-logs"
# NOTEBOOK_JOBS notebooks at a time (default 2), each in its own kernel and work folder; each leaves its log and
# exit code in nbconvert-logs/, and any failure fails the run
LOGS="$TARGET/nbconvert-logs"
rm -f "$LOGS"/*
execute() {
  local name log start rc=0
  name="$(basename "$1" .ipynb)"; log="$LOGS/$name.log"; start=$(date +%s)
  "$JUPYTER_BIN" nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=rewind-java --ExecutePreprocessor.timeout=900 \
    --output-dir "$TARGET/executed" "$1" > "$log" 2>&1 || rc=$?
  echo "run-notebooks: $name.ipynb $([ $rc = 0 ] && echo executed || echo "FAILED (exit $rc)") in $(( $(date +%s) - start )) s" >> "$log"
  echo $rc > "$LOGS/$name.rc"
}
for nb in "${notebooks[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "${NOTEBOOK_JOBS:-2}" ]; do sleep 1; done
  execute "$nb" &
done
wait
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  cat "$LOGS/$name.log"
  [ "$(cat "$LOGS/$name.rc" 2>/dev/null)" = 0 ] || failed=1
done
[ $failed = 0 ] || { echo "run-notebooks: a notebook failed (its log is above)" >&2; exit 1; }
python3 "$HERE/check_executed.py" "$TARGET/executed" "${notebooks[@]}"
# Jupyter's own Python, which has jupyter_client (a pyenv python3 earlier on the PATH may not)
JUPYTER_PYTHON="$(head -1 "$JUPYTER_BIN" | sed -n 's/^#! *//p')"
${JUPYTER_PYTHON:-python3} "$HERE/check_kernel.py"
