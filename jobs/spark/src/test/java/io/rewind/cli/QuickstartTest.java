package io.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.spark.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, small: it runs, joins, and its off-policy estimate finds the simulator's truth. */
class QuickstartTest {
    @TempDir
    Path dir;

    @Test
    void quickstartEstimatesTheTargetsTrueValue() throws Exception {
        LocalSpark.forTests();
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Rewind.execute("quickstart", "--dir", dir.toString(), "--rows", "8000");
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        out.println(text);
        assertEquals(0, code, text);
        assertTrue(text.matches("(?s).*status\\s+SUCCEEDED.*"), text);
        Matcher truth = Pattern.compile("known to the simulator\\): ([0-9.]+)").matcher(text);
        assertTrue(truth.find(), text);
        double v = Double.parseDouble(truth.group(1));
        Matcher dr = Pattern.compile("target DR\\s+[0-9.]+\\s+\\[([0-9.]+), ([0-9.]+)\\]").matcher(text);
        assertTrue(dr.find(), text);
        assertTrue(Double.parseDouble(dr.group(1)) <= v && v <= Double.parseDouble(dr.group(2)),
                "DR's interval contains the true value " + v + ":\n" + text);
        assertTrue(Files.size(dir.resolve("evaluation.png")) > 1000);
        assertTrue(Files.size(dir.resolve("models/linucb.json")) > 100, "step 4 saved the trained model");
        assertTrue(dr.find(), "step 5 evaluated the trained model:\n" + text);
        Matcher logged = Pattern.compile("logged policy\\s+([0-9.]+)").matcher(text);
        assertTrue(logged.find(), text);
        assertTrue(Double.parseDouble(dr.group(1)) > Double.parseDouble(logged.group(1)),
                "the trained model beats the logging policy off-line:\n" + text);
        Matcher round = Pattern.compile("round (\\d): logged mean reward ([0-9.]+)").matcher(text);
        java.util.List<Double> byRound = new java.util.ArrayList<>();
        while (round.find()) {
            byRound.add(Double.parseDouble(round.group(2)));
        }
        assertEquals(3, byRound.size(), "rounds 0, 1 and 2:\n" + text);
        assertTrue(byRound.get(1) > byRound.get(0) + 0.1, "logging with the promoted model earns more: " + byRound);
    }
}
