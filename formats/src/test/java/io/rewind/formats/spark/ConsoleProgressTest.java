package io.rewind.formats.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A long stage prints plain progress lines: stage, tasks done of all, records read, elapsed. */
class ConsoleProgressTest {
    @Test
    void aSlowStagePrintsItsProgress() {
        SparkSession spark = LocalSpark.forTests();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Duration.ofMillis(100));
        spark.sparkContext().addSparkListener(progress);
        try {
            long n = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 4)
                    .map(x -> {
                        Thread.sleep(400);
                        return x;
                    }).count();
            assertTrue(n == 8);
        } finally {
            spark.sparkContext().removeSparkListener(progress);
            progress.stop();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("of 4 tasks done"), out);
        assertTrue(out.matches("(?s).*rewind: stage \\d+ \\(count at ConsoleProgressTest.java:\\d+\\).*"), out);
        assertTrue(out.contains(" elapsed"), out);
        assertTrue(out.lines().anyMatch(l -> !l.contains(": 0 of 4 tasks done")), "tasks done advance: " + out);
    }
}
