#!/usr/bin/env bash
# Executes every notebook top to bottom in a real Jupyter (nbconvert) with the Rewind Java kernel.
# A cell that throws fails the run; so does a notebook without an inline chart. Then check_interrupt.py interrupts
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
mkdir -p "$TARGET/executed" "$REWIND_NOTEBOOK_WORK"
for nb in "${notebooks[@]}"; do
  start=$(date +%s)
  "$JUPYTER_BIN" nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=rewind-java --ExecutePreprocessor.timeout=900 \
    --output-dir "$TARGET/executed" "$nb"
  echo "run-notebooks: $(basename "$nb") executed in $(( $(date +%s) - start )) s"
done
python3 "$HERE/check_executed.py" "$TARGET/executed" "${notebooks[@]}"
# Jupyter's own Python, which has jupyter_client (a pyenv python3 earlier on the PATH may not)
JUPYTER_PYTHON="$(head -1 "$JUPYTER_BIN" | sed -n 's/^#! *//p')"
${JUPYTER_PYTHON:-python3} "$HERE/check_interrupt.py"
