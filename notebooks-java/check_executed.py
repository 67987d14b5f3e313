"""Checks executed notebooks: every code cell ran, none left an error, each notebook shows at least one chart.
Also extracts each notebook's first chart to target/executed/<name>.png (the README shows them)."""
import base64
import json
import os
import sys


def check(path):
    nb = json.load(open(path))
    problems, images = [], []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
            continue
        if cell.get("execution_count") is None:
            problems.append(f"cell {i} did not run")
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                problems.append(f"cell {i}: {out['ename']}: {out['evalue']}")
            if "image/png" in out.get("data", {}):
                images.append(out["data"]["image/png"])
    if not images:
        problems.append("no inline chart (image/png output)")
    return problems, images


def main(executed_dir, sources):
    failed = False
    for src in sources:
        name = os.path.splitext(os.path.basename(src))[0]
        path = os.path.join(executed_dir, name + ".ipynb")
        if not os.path.exists(path):
            print(f"{name}: not executed ({path} missing)")
            failed = True
            continue
        problems, images = check(path)
        for p in problems:
            print(f"{name}: {p}")
        failed |= bool(problems)
        if images:
            with open(os.path.join(executed_dir, name + ".png"), "wb") as f:
                f.write(base64.b64decode(images[0]))
        print(f"{name}: {'FAILED' if problems else 'ok'}, {len(images)} chart(s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
