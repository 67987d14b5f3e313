#!/usr/bin/env bash
# Installs the "Java (Rewind)" Jupyter kernel for the current user (or into KERNELS_DIR given as $1).
# Needs `mvn install -DskipTests` first (the kernel's jar and classpath under notebooks-java/target).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/target"
[ -f "$TARGET/rewind-notebooks.jar" ] && [ -f "$TARGET/classpath.txt" ] ||
  { echo "install-kernel: build first: mvn -B -q install -DskipTests" >&2; exit 1; }
DIR="${1:-${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels}"
CP="$TARGET/rewind-notebooks.jar:$(cat "$TARGET/classpath.txt")"
java -cp "$CP" io.rewind.notebook.kernel.InstallKernel "$DIR" \
  "${REWIND_KERNEL_JAVA_OPTS:--Xmx4g} $(cat "$TARGET/jvm-flags.txt")" "$CP"
