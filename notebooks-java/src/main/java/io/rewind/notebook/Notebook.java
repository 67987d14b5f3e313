package io.rewind.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewind.cli.Rewind;
import io.rewind.formats.spark.LocalSpark;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What every notebook needs: a work folder, the Rewind CLI in-process, small file readers and checks. */
public final class Notebook {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Notebook() {
    }

    /**
     * A fresh, empty folder for one notebook's files: under {@code $REWIND_NOTEBOOK_WORK} (set by run-notebooks.sh)
     * or {@code notebooks-java/target/notebook-work} when the notebook is opened from {@code notebooks-java/notebooks}.
     */
    public static Path work(String name) {
        String root = System.getenv().getOrDefault("REWIND_NOTEBOOK_WORK", "../target/notebook-work");
        Path dir = Path.of(root, name).toAbsolutePath().normalize();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the work folder " + dir, e);
        }
        return dir;
    }

    /** The notebook's Spark session (local, small shuffles, no UI); every {@code rewind} command reuses it. */
    public static SparkSession spark() {
        return LocalSpark.builder("rewind-notebook")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .getOrCreate();
    }

    /** Runs one {@code rewind} command line in this JVM, as {@code ./rewind ARGS} would; a failure throws. */
    public static void rewind(Object... args) {
        String[] argv = new String[args.length];
        for (int i = 0; i < args.length; i++) argv[i] = String.valueOf(args[i]);
        long start = System.nanoTime();
        int code = Rewind.execute(argv);
        System.out.printf("(rewind %s: %.1f s)%n", argv.length == 0 ? "" : argv[0], (System.nanoTime() - start) / 1e9);
        if (code != 0) {
            throw new IllegalStateException("rewind " + String.join(" ", argv) + " exited with " + code);
        }
    }

    /** Rows of a CSV file with a header, as column → value. */
    public static List<Map<String, String>> csv(Path file) {
        try (CSVParser parser = CSVParser.parse(file, java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : parser) rows.add(r.toMap());
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One column of CSV rows as numbers. */
    public static double[] column(List<Map<String, String>> rows, String name) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).toArray();
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The first {@code n} lines of a file, or of the first non-empty data file in a folder (Spark's output). */
    public static List<String> head(Path fileOrFolder, int n) {
        try {
            Path file = fileOrFolder;
            if (Files.isDirectory(fileOrFolder)) {
                try (Stream<Path> files = Files.list(fileOrFolder)) {
                    file = files.filter(p -> !p.getFileName().toString().startsWith(".")
                                    && !p.getFileName().toString().startsWith("_"))
                            .filter(p -> p.toFile().length() > 0).sorted().findFirst()
                            .orElseThrow(() -> new IllegalStateException("no data file in " + fileOrFolder));
                }
            }
            try (Stream<String> lines = Files.lines(file)) {
                return lines.limit(n).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileOrFolder, e);
        }
    }

    /** A notebook's own check: stops the notebook (and CI) when what it shows stops being true. */
    public static void check(boolean condition, String what) {
        if (!condition) throw new IllegalStateException("check failed: " + what);
        System.out.println("ok: " + what);
    }
}
