package io.rewind.formats.spark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * A line on stderr every few seconds while a job's Spark stages run: the stage, its tasks done, the rows read so
 * far (input and shuffle) and the time since the command started. Spark's own console progress bar draws one
 * redrawn line that a log file or an Airflow task log cannot show, and says nothing of rows; this prints plain
 * lines. {@code -Drewind.progress.seconds=N} sets the interval (default 10; 0 turns it off).
 */
public final class ConsoleProgress extends SparkListener {
    private static final Map<SparkContext, ConsoleProgress> ATTACHED = new ConcurrentHashMap<>();

    private final PrintStream out;
    private volatile long started = System.nanoTime();
    private final AtomicLong rows = new AtomicLong();
    private final Map<Integer, StageInfo> running = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> tasksDone = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    ConsoleProgress(PrintStream out, Duration every) {
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rewind-progress");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, every.toMillis());
        timer.scheduleAtFixedRate(this::print, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Attaches one reporter to the context (once), printing to stderr, unless the interval is 0; a command that
     * starts on a context with one counts its time and records from now.
     */
    public static void attach(SparkContext sc) {
        double seconds = Double.parseDouble(System.getProperty("rewind.progress.seconds", "10"));
        if (seconds <= 0) {
            return;
        }
        ATTACHED.computeIfAbsent(sc, c -> {
            ConsoleProgress p = new ConsoleProgress(System.err, Duration.ofMillis((long) (seconds * 1000)));
            c.addSparkListener(p);
            return p;
        }).restart();
    }

    /** Counts time and records from now. */
    void restart() {
        started = System.nanoTime();
        rows.set(0);
    }

    /** The line printed now, or null when no stage is running. */
    String line() {
        StageInfo stage = running.values().stream().min((a, b) -> Integer.compare(a.stageId(), b.stageId()))
                .orElse(null);
        if (stage == null) {
            return null;
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long done = tasksDone.getOrDefault(stage.stageId(), new AtomicLong()).get();
        return String.format("rewind: stage %d (%s): %d of %d tasks done; %,d records read so far; %d:%02d elapsed",
                stage.stageId(), stage.name(), done, stage.numTasks(), rows.get(), seconds / 60, seconds % 60);
    }

    private void print() {
        String l = line();
        if (l != null) {
            out.println(l);
        }
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        running.put(e.stageInfo().stageId(), e.stageInfo());
        tasksDone.putIfAbsent(e.stageInfo().stageId(), new AtomicLong());
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        running.remove(e.stageInfo().stageId());
        tasksDone.remove(e.stageInfo().stageId());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        tasksDone.computeIfAbsent(e.stageId(), k -> new AtomicLong()).incrementAndGet();
        TaskMetrics m = e.taskMetrics();
        if (m != null) {
            rows.addAndGet(m.inputMetrics().recordsRead() + m.shuffleReadMetrics().recordsRead());
        }
    }

    @Override
    public void onApplicationEnd(SparkListenerApplicationEnd e) {
        stop();
    }

    void stop() {
        timer.shutdownNow();
    }
}
