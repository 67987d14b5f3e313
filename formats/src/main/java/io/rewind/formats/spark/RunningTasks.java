package io.rewind.formats.spark;

import java.time.Duration;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.SparkSession;

/**
 * Waiting for a failed job's other tasks to stop. When one task fails, Spark fails the job at once and only asks
 * the others to stop; one that was writing may still close its file after the job has failed, so a cleanup must
 * wait for them, or it deletes a folder that a late task then fills again.
 */
public final class RunningTasks {
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private RunningTasks() {
    }

    /** Returns once no executor runs a task, or after {@link #MAX_WAIT}. */
    public static void awaitNone(SparkSession spark) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (running(spark) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static int running(SparkSession spark) {
        int n = 0;
        for (SparkExecutorInfo e : spark.sparkContext().statusTracker().getExecutorInfos()) {
            n += e.numRunningTasks();
        }
        return n;
    }
}
