"""Interrupts running cells of the Rewind Java kernel through Jupyter's own client, as a notebook's stop button
does: a sleeping cell, a busy loop and a running Spark job each end with an error within seconds of the interrupt,
the Spark job is cancelled, and the kernel then runs the next cell. Run by run-notebooks.sh (the kernel installed)."""
import sys
import time

from jupyter_client.manager import start_new_kernel


def execute(kc, code, km=None, interrupt_after=None, timeout=180):
    """Runs a cell (interrupting it after `interrupt_after` seconds); returns its reply and the seconds from the
    interrupt to the reply."""
    msg_id = kc.execute(code)
    interrupted_at = None
    if interrupt_after is not None:
        time.sleep(interrupt_after)
        interrupted_at = time.time()
        km.interrupt_kernel()
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            took = None if interrupted_at is None else time.time() - interrupted_at
            return msg["content"], took


def value(kc, code):
    msg_id = kc.execute(code)
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "error":
            raise AssertionError(f"{code}: {msg['content']['ename']}: {msg['content']['evalue']}")
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return result


def main():
    km, kc = start_new_kernel(kernel_name="rewind-java", startup_timeout=120)
    failures = []
    try:
        cases = [
            ("a sleeping cell", "Thread.sleep(600_000);", 2, "Interrupted"),
            ("a busy loop", "long n = 0; while (true) { n++; }", 2, "ThreadDeath"),
        ]
        value(kc, 'var spark = org.apache.spark.sql.SparkSession.builder().master("local[1]")'
                  '.appName("interrupt").config("spark.ui.enabled", "false").getOrCreate();')
        cases.append(("a running Spark job",
                      'spark.range(0, 100_000_000_000L, 1, 1).selectExpr("sum(id % 7)").collect();', 5,
                      "Exception"))
        for what, code, after, ename in cases:
            reply, took = execute(kc, code, km, after)
            line = f"{what}: {reply['status']} {reply.get('ename', '')} {took:.1f} s after the interrupt"
            print("check_interrupt: " + line)
            if reply["status"] != "error" or ename not in reply.get("ename", "") or took > 15:
                failures.append(line + f" (wanted an error naming {ename} within 15 s)")
        active = value(kc, "spark.sparkContext().statusTracker().getActiveJobIds().length")
        if active != "0":
            failures.append(f"{active} Spark jobs still running after the interrupt")
        two = value(kc, "1 + 1")
        if two != "2":
            failures.append(f"the kernel did not run the next cell (1 + 1 gave {two})")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    for f in failures:
        print("check_interrupt: FAILED " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
