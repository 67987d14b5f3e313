import json
import os
import sys

HERE = os.path.dirname(__file__)
sys.path.insert(0, os.path.dirname(HERE))

import rewind_dags  # noqa: E402

EXAMPLE = os.path.join(os.path.dirname(HERE), "examples", "retrain.yaml")
EXPECTED = os.path.join(HERE, "expected-commands.json")


def test_tasks_are_join_train_promote_in_order():
    tasks = rewind_dags.pipeline_tasks(rewind_dags.load(EXAMPLE), "2026-05-01")
    assert [t["task_id"] for t in tasks] == ["join", "train", "promote"]
    assert tasks[0]["args"][:3] == ["join", "--decisions", "/data/logs/2026-05-01/decisions"]


def test_train_warm_starts_from_the_registrys_hosted_model():
    tasks = rewind_dags.pipeline_tasks(rewind_dags.load(EXAMPLE), "2026-05-02")
    args = tasks[1]["args"]
    assert args[args.index("--warm-start-registry") + 1] == "/data/rewind/registry"
    assert args[args.index("--experiment") + 1] == "recs"


def test_commands_match_the_golden_file_the_java_side_checks():
    tasks = rewind_dags.pipeline_tasks(rewind_dags.load(EXAMPLE), "2026-05-01")
    with open(EXPECTED) as f:
        expected = json.load(f)
    assert [{"name": t["task_id"], "args": t["args"]} for t in tasks] == expected


def test_bash_command_is_spark_submit_of_the_jar():
    config = rewind_dags.load(EXAMPLE)
    task = rewind_dags.pipeline_tasks(config, "2026-05-01")[2]
    cmd = rewind_dags.bash_command(config, task, "2026-05-01")
    assert cmd.startswith("spark-submit --master yarn --class io.rewind.cli.Rewind /opt/rewind/rewind-spark-0.1.0-SNAPSHOT.jar promote")


def test_the_task_exit_code_comes_from_the_status_file():
    config = rewind_dags.load(EXAMPLE)
    task = rewind_dags.pipeline_tasks(config, "2026-05-01")[0]
    submit, check = rewind_dags.bash_command(config, task, "2026-05-01").split("; ")
    assert submit.endswith(" --status-file /data/rewind/status/2026-05-01/join.json")
    assert check == ("spark-submit --master local[1] --class io.rewind.cli.Rewind "
                     "/opt/rewind/rewind-spark-0.1.0-SNAPSHOT.jar status /data/rewind/status/2026-05-01/join.json")


def test_without_a_status_dir_the_submit_exit_code_is_the_task_s():
    config = {k: v for k, v in rewind_dags.load(EXAMPLE).items() if k != "status_dir"}
    task = rewind_dags.pipeline_tasks(config, "2026-05-01")[0]
    assert "--status-file" not in rewind_dags.bash_command(config, task, "2026-05-01")


def test_missing_keys_are_named(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("experiment: x\n")
    try:
        rewind_dags.load(str(p))
        assert False, "expected an error"
    except ValueError as e:
        assert "registry" in str(e)
