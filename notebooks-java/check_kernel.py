"""Drives the Rewind Java kernel through Jupyter's own client. A cell's prints and displays arrive in the order the
cell made them (a print without its newline included). Interrupts, as a notebook's stop button sends them: a
sleeping cell, a busy loop and a running Spark job each end with an error within seconds of the interrupt, the Spark
job is cancelled, and the kernel then runs the next cell. Run by run-notebooks.sh (the kernel installed)."""
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


def outputs(kc, code):
    """The cell's stream texts and displays, in the order they arrived, as ("stream", text) or ("display", data)."""
    msg_id = kc.execute(code)
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t == "stream":
            if out and out[-1][0] == "stream":
                out[-1] = ("stream", out[-1][1] + msg["content"]["text"])
            else:
                out.append(("stream", msg["content"]["text"]))
        elif t == "display_data":
            out.append(("display", msg["content"]["data"]))
        elif t == "error":
            raise AssertionError(f"{code}: {msg['content']['ename']}: {msg['content']['evalue']}")
        elif t == "status" and msg["content"]["execution_state"] == "idle":
            return out


def main():
    km, kc = start_new_kernel(kernel_name="rewind-java", startup_timeout=120)
    failures = []
    try:
        order = outputs(kc, 'System.out.print("before "); '
                            'io.rewind.notebook.Display.table(List.of("k"), List.of(List.of(1.5))); '
                            'System.out.println("after");')
        kinds = [k for k, _ in order]
        print(f"check_kernel: a cell's outputs arrive as {kinds}")
        if (kinds != ["stream", "display", "stream"] or order[0][1] != "before "
                or "<td>1.5000</td>" not in order[1][1].get("text/html", "") or order[2][1] != "after\n"):
            failures.append(f"outputs out of order: {order}")
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
            line = (f"{what}: {reply['status']} {reply.get('ename', '')}: {reply.get('evalue', '')[:80]}"
                    f" {took:.1f} s after the interrupt")
            print("check_kernel: " + line)
            named = reply.get("ename", "") + " " + reply.get("evalue", "")
            if reply["status"] != "error" or ename not in named or took > 15:
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
        print("check_kernel: FAILED " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
