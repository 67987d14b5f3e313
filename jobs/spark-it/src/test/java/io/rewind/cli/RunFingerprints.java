package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.Json;
import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/**
 * What the process tests compare between two runs (on a cluster and locally, killed and uninterrupted): tables,
 * files, models and policies' weights.
 */
final class RunFingerprints {
    private RunFingerprints() {
    }

    /** Row count and a SHA-256 of the sorted rows of a table. */
    static String fingerprint(String path, TableFormat format) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Row r : LocalSpark.forTests().read().format(format.cliName()).load(path).collectAsList()) {
            rows.add(r.toString());
        }
        rows.sort(null);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String r : rows) {
            md.update(r.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return rows.size() + " rows, " + HexFormat.of().formatHex(md.digest());
    }

    /** Line count and a SHA-256 of the sorted lines of every visible file under a folder of JSON lines. */
    static String linesFingerprint(Path folder) throws Exception {
        List<String> lines = new ArrayList<>();
        try (var files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")
                    && !f.getFileName().toString().startsWith("_")).toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        lines.sort(null);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        lines.forEach(l -> md.update((l + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return lines.size() + " lines, " + HexFormat.of().formatHex(md.digest());
    }

    /** What a model is and learned from: equal between runs on the same rows. */
    static String modelIdentity(Path file) throws Exception {
        var m = io.rewind.rl.bandit.BanditModel.load(file);
        return Json.WRITER.writeValueAsString(List.of(m.learner(), m.provenance().rows()));
    }

    /**
     * What it learned and how it was measured: sums over partitions (the statistics and the eval split's metrics),
     * equal to rounding between two layouts of the same rows.
     */
    static com.fasterxml.jackson.databind.JsonNode modelNumbers(Path file) throws Exception {
        var m = io.rewind.rl.bandit.BanditModel.load(file);
        return Json.tree(Json.WRITER.writeValueAsString(List.of(m.scorers(), m.provenance().metrics())));
    }

    /** The network parameter files of a policy or checkpoint folder, by name. */
    static java.util.Map<String, byte[]> weights(Path folder) throws Exception {
        java.util.Map<String, byte[]> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".params")).toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    static void assertMapEquals(java.util.Map<String, byte[]> expected, java.util.Map<String, byte[]> actual,
                                String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (String k : expected.keySet()) {
            assertTrue(java.util.Arrays.equals(expected.get(k), actual.get(k)), what + ": " + k);
        }
    }
}
