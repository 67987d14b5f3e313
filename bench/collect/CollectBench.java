import io.rewind.flink.collect.CollectConfig;
import io.rewind.flink.collect.CollectJob;
import io.rewind.formats.JoinRules;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Throughput and window-close-to-commit latency of rewind collect. */
public class CollectBench {
    static final boolean RANGES = "ranges".equals(System.getenv("LAYOUT"));
    static final int PARALLELISM = Integer.getInteger("parallelism", 2);
    static String decision(String id, Instant t) {
        return "{\"event_id\":\"" + id + "\",\"timestamp\":\"" + t + "\",\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"}],"
                + "\"action\":\"a\",\"action_prob\":0.5,\"action_probs\":[0.5,0.5],\"context\":[0.1,0.2]}";
    }

    static String reward(String id, Instant t, double r) {
        return "{\"event_id\":\"" + id + "\",\"timestamp\":\"" + t + "\",\"reward\":" + r + "}";
    }

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        int runs = Integer.parseInt(args[1]);
        int live = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Path in = out.resolve("in-" + n + (RANGES ? "-ranges" : "-interleaved-" + PARALLELISM));
        if (!Files.exists(in.resolve("done"))) {
            Files.createDirectories(in.resolve("decisions"));
            Files.createDirectories(in.resolve("rewards"));
            Instant start = Instant.parse("2026-05-01T00:00:00Z");
            SplittableRandom r = new SplittableRandom(1);
            int files = RANGES ? 8 : PARALLELISM;
            BufferedWriter[] d = new BufferedWriter[files];
            BufferedWriter[] w = new BufferedWriter[files];
            for (int f = 0; f < files; f++) {
                d[f] = Files.newBufferedWriter(in.resolve("decisions/part-" + f + ".jsonl"));
                w[f] = Files.newBufferedWriter(in.resolve("rewards/part-" + f + ".jsonl"));
            }
            for (long i = 0; i < n; i++) {
                // one file per reader, consecutive decisions in different files, as a stream's events go to
                // different partitions: every file spans the whole time range and the readers' watermarks advance
                // together. LAYOUT=ranges writes 8 files of consecutive time ranges instead: readers working on
                // different ranges hold the watermark back and the join's state grows with the skew.
                int f = RANGES ? (int) (i * files / n) : (int) (i % files);
                Instant t = start.plusMillis(i * 5);
                d[f].write(decision("d" + i, t));
                d[f].newLine();
                w[f].write(reward("d" + i, t.plusMillis(r.nextInt(60_000)), r.nextInt(2)));
                w[f].newLine();
            }
            for (int f = 0; f < files; f++) {
                d[f].close();
                w[f].close();
            }
            Files.createFile(in.resolve("done"));
        }
        double[] rates = new double[runs];
        // run -1 warms the JVM up (JIT, class loading) and is reported, not counted
        for (int run = -1; run < runs; run++) {
            Path o = out.resolve("throughput-out");
            deleteTree(o);
            deleteTree(out.resolve("throughput-out_quarantine"));
            CollectConfig c = new CollectConfig(CollectConfig.Sources.folders(in.resolve("decisions").toString(),
                    in.resolve("rewards").toString(), true), CollectConfig.Sink.of(o.toString()),
                    new JoinRules(Duration.ofMinutes(2), 0, false, JoinRules.Aggregation.FIRST, 0.8),
                    new CollectConfig.EventTime(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(2)),
                    CollectConfig.Execution.of(Duration.ofSeconds(5), PARALLELISM));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            CollectJob.build(env, c, s -> s);
            long t0 = System.nanoTime();
            env.execute("bench collect");
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            if (run >= 0) {
                rates[run] = rate;
            }
            long[] counts = count(o);
            System.out.printf("%s: %,.0f decisions/s (each with a reward); output %,d interactions, %,d with their"
                    + " reward%n", run < 0 ? "warm-up" : "run " + (run + 1), rate, counts[0], counts[1]);
            if (counts[0] != n || counts[1] != n) {
                throw new IllegalStateException("every decision should leave once with its reward: " + counts[0]
                        + " rows, " + counts[1] + " observed, of " + n);
            }
        }
        double[] lat = latency(out, live);
        Arrays.sort(rates);
        System.out.printf("%nrewind collect, MiniCluster, parallelism 2, 2 cores:%n");
        System.out.printf("  throughput, %,d decisions + %,d rewards from JSON-lines folders, median of %d runs after a warm-up: %,.0f"
                + " decisions/s%n", n, n, runs, rates[runs / 2]);
        System.out.printf("  latency window close -> committed Parquet (1 s checkpoints), %d rows: p50 %.0f ms, p99"
                + " %.0f ms%n", lat.length, pct(lat, 0.5), pct(lat, 0.99));
    }

    static double[] latency(Path out, int seconds) throws Exception {
        Path in = out.resolve("live-in");
        deleteTree(in);
        deleteTree(out.resolve("live-out"));
        deleteTree(out.resolve("live-out_quarantine"));
        Files.createDirectories(in.resolve("decisions"));
        Files.createDirectories(in.resolve("rewards"));
        Path o = out.resolve("live-out");
        long windowMs = 1000;
        CollectConfig c = new CollectConfig(CollectConfig.Sources.folders(in.resolve("decisions").toString(),
                in.resolve("rewards").toString(), false).withTiming(Duration.ofMillis(Long.getLong("idle", 1000)),
                Duration.ofMillis(Long.getLong("discovery", 200))), CollectConfig.Sink.of(o.toString()),
                new JoinRules(Duration.ofMillis(windowMs), 0, false, JoinRules.Aggregation.FIRST, 0.8),
                new CollectConfig.EventTime(Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofMinutes(1)),
                CollectConfig.Execution.of(Duration.ofSeconds(1), 2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CollectJob.build(env, c, s -> s);
        JobClient job = env.executeAsync("bench collect live");
        List<Double> latencies = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        long end = System.currentTimeMillis() + seconds * 1000L;
        long id = 0;
        int file = 0;
        while (System.currentTimeMillis() < end) {
            StringBuilder d = new StringBuilder();
            StringBuilder r = new StringBuilder();
            Instant now = Instant.now();
            for (int k = 0; k < 100; k++, id++) {
                d.append(decision("l" + id, now)).append('\n');
                r.append(reward("l" + id, now.plusMillis(100), 1)).append('\n');
            }
            write(in.resolve("decisions"), "d" + file, d.toString());
            write(in.resolve("rewards"), "r" + file, r.toString());
            file++;
            Thread.sleep(200);
            collect(o, seen, latencies, windowMs);
        }
        // keep looking for a while after the last file, as often as during the run, so the last rows' latency is
        // measured when their file appears rather than after one long wait
        for (int k = 0; k < 30; k++) {
            Thread.sleep(100);
            collect(o, seen, latencies, windowMs);
        }
        job.cancel().get();
        return latencies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void write(Path dir, String name, String text) throws Exception {
        Path tmp = dir.getParent().resolve("." + name + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, dir.resolve(name + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
    }

    static void collect(Path out, Set<Path> seen, List<Double> latencies, long windowMs) throws Exception {
        if (!Files.exists(out)) {
            return;
        }
        long now = System.currentTimeMillis();
        List<Path> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path f : files) {
            if (!seen.add(f)) {
                continue;
            }
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toString()),
                            new org.apache.hadoop.conf.Configuration())).withDataModel(GenericData.get()).build()) {
                GenericRecord rec;
                while ((rec = reader.read()) != null) {
                    long closeMs = (Long) rec.get("timestamp") / 1000 + windowMs;
                    latencies.add((double) (now - closeMs));
                }
            }
        }
    }

    /** Rows in the committed Parquet files under out, and how many of them carry an observed reward. */
    static long[] count(Path out) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".")).toList();
        }
        long rows = 0;
        long observed = 0;
        for (Path f : files) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toString()),
                            new org.apache.hadoop.conf.Configuration())).withDataModel(GenericData.get()).build()) {
                GenericRecord rec;
                while ((rec = reader.read()) != null) {
                    rows++;
                    observed += Boolean.TRUE.equals(rec.get("reward_observed")) ? 1 : 0;
                }
            }
        }
        return new long[] {rows, observed};
    }

    static double pct(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * s.length))];
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(x);
            }
        }
    }
}
