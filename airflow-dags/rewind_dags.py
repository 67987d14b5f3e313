"""Airflow DAGs for Rewind's continual-learning loop, one per experiment YAML.

Each DAG run processes one data interval (Airflow's ``ds``) with the same steps as ``rewind pipeline run``: join
the interval's logs, train a bandit model warm-started from the hosted one, promote it if it is better. Every step
is a ``spark-submit`` of the Rewind jar. The task structure and the exact commands come from ``pipeline_tasks``, a
pure function tested without Airflow (``tests/test_rewind_dags.py``); the Java test ``PipelineJobTest`` checks that
``rewind pipeline commands`` gives the same commands and runs them on local Spark, so the DAG cannot drift from the
CLI.
"""
import glob
import os

import yaml

DEFAULTS = {"logs_format": "jsonl", "learner": "linucb", "reduction": "mtr", "reward_window": "10m",
            "train_ratio": 0.8, "gate": "interval"}


def load(path):
    with open(path) as f:
        config = yaml.safe_load(f)
    for key in ("experiment", "registry", "decisions", "rewards", "interactions", "models"):
        if key not in config:
            raise ValueError(f"{path}: missing '{key}'")
    return {**DEFAULTS, **config}


def pipeline_tasks(config, interval):
    """The round's tasks in order: [{"task_id": ..., "args": [...]}], args after ``rewind`` (or the jar)."""
    c = {**DEFAULTS, **config}
    decisions = c["decisions"].replace("{interval}", interval)
    rewards = c["rewards"].replace("{interval}", interval)
    model = c["models"].replace("{interval}", interval) + "/" + c["experiment"] + "-" + interval + ".json"
    # the hosted model is looked up when the task runs, so the DAG warm-starts every round
    train = ["train-bandit", "--data", c["interactions"], "--learner", c["learner"], "--reduction", c["reduction"],
             "--model", model, "--warm-start-registry", c["registry"], "--experiment", c["experiment"]]
    return [
        {"task_id": "join", "args": ["join", "--decisions", decisions, "--decisions-format", c["logs_format"],
                                     "--rewards", rewards, "--rewards-format", c["logs_format"], "--output",
                                     c["interactions"], "--reward-window", c["reward_window"], "--train-ratio",
                                     str(float(c["train_ratio"]))]},
        {"task_id": "train", "args": train},
        {"task_id": "promote", "args": ["promote", "--registry", c["registry"], "--experiment", c["experiment"],
                                        "--candidate", model, "--data", c["interactions"], "--gate", c["gate"]]},
    ]


SPARK_SUBMIT = "spark-submit --class io.rewind.cli.Rewind rewind-spark-0.1.0-SNAPSHOT.jar"
STATUS_SUBMIT = "spark-submit --master local[1] --class io.rewind.cli.Rewind rewind-spark-0.1.0-SNAPSHOT.jar"


def bash_command(config, task, interval):
    """The shell command of one task: the configured spark-submit prefix and the task's quoted arguments.

    With ``status_dir``, the job writes ``STATUS_DIR/INTERVAL/TASK.json`` (``--status-file``) and ``rewind status``
    on it decides the task's exit code: in standalone cluster deploy mode spark-submit exits 0 even when the driver
    failed, so its own exit code cannot be trusted.
    """
    import shlex
    args = list(task["args"])
    command = config.get("spark_submit", SPARK_SUBMIT) + " " + " ".join(shlex.quote(a) for a in args)
    if not config.get("status_dir"):
        return command
    status = config["status_dir"].rstrip("/") + "/" + interval + "/" + task["task_id"] + ".json"
    return command + " --status-file " + shlex.quote(status) + "; " + \
        config.get("status_submit", STATUS_SUBMIT) + " status " + shlex.quote(status)


def build_dag(path):
    """An Airflow DAG for one experiment YAML (needs Airflow; the rest of this module does not)."""
    from datetime import datetime, timedelta

    from airflow import DAG
    from airflow.operators.bash import BashOperator

    config = load(path)
    dag = DAG(dag_id="rewind_" + config["experiment"], schedule=config.get("schedule", "@daily"),
              start_date=datetime.fromisoformat(config.get("start_date", "2026-01-01")), catchup=False,
              default_args={"retries": int(config.get("retries", 2)), "retry_delay": timedelta(minutes=5)})
    previous = None
    # the interval is Airflow's ds; the train task finds the hosted model in the registry when it runs
    for task in pipeline_tasks(config, "{{ ds }}"):
        op = BashOperator(task_id=task["task_id"], bash_command=bash_command(config, task, "{{ ds }}"), dag=dag)
        if previous is not None:
            previous >> op
        previous = op
    return dag


if os.environ.get("AIRFLOW_HOME"):
    for _path in glob.glob(os.path.join(os.path.dirname(__file__), "experiments", "*.yaml")):
        _dag = build_dag(_path)
        globals()[_dag.dag_id] = _dag
