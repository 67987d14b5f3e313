package io.rewind.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CellRunnerTest {
    private static CellRunner cells;
    private static PrintStream out;
    private static final java.io.ByteArrayOutputStream PRINTED = new java.io.ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        out = System.out;
        System.setOut(new PrintStream(PRINTED, true, java.nio.charset.StandardCharsets.UTF_8));
        cells = new CellRunner(System.getProperty("java.class.path"));
    }

    @BeforeEach
    void clearOutputs() {
        PRINTED.reset();
    }

    @AfterAll
    static void stop() {
        cells.close();
        System.setOut(out);
    }

    @Test
    void statementsRunInOrderAndTheLastExpressionIsTheValue() {
        CellRunner.Result r = cells.run("int a = 20;\nint b = a + 1; // comment\nSystem.out.println(\"b=\" + b);\na * 2 + b - 19");
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        assertEquals("42", r.value());
        assertEquals("b=21\n", PRINTED.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("21", cells.run("b").value(), "state carries over to the next cell");
    }

    @Test
    void declarationsHaveNoValueAndMethodsCanBeDefined() {
        CellRunner.Result r = cells.run("int twice(int x) {\n    return 2 * x;\n}\nvar v = twice(4);");
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        assertNull(r.value());
        assertEquals("8", cells.run("twice(4)").value());
    }

    /** Outside a kernel a display prints its text; in a kernel its order among prints is check_kernel.py's. */
    @Test
    void projectClassesAreOnTheClasspath() {
        CellRunner.Result r = cells.run("System.out.println(\"before\");\n"
                + "io.rewind.notebook.Display.table(List.of(\"k\"), List.of(List.of(1.5)));\n"
                + "System.out.println(\"after\");");
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        String printed = PRINTED.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("before\n") && printed.contains("1.5000") && printed.endsWith("after\n"),
                printed);
    }

    @Test
    void anExceptionStopsTheCellAndNamesItsClassAndMessage() {
        CellRunner.Result r = cells.run("int z = 1;\nif (z == 1) throw new IllegalStateException(\"boom \" + z);\nz = 5;");
        assertFalse(r.ok());
        assertEquals("java.lang.IllegalStateException", r.error().name());
        assertEquals("boom 1", r.error().message());
        assertEquals("1", cells.run("z").value(), "statements after the failure did not run");
    }

    @Test
    void compileErrorsAndUnresolvedNamesAreErrors() {
        CellRunner.Result bad = cells.run("int q = \"text\";");
        assertFalse(bad.ok());
        assertEquals("CompilationError", bad.error().name());
        assertTrue(bad.error().message().contains("incompatible types"), bad.error().message());
        CellRunner.Result second = cells.run("int fine = 1;\nString wrong =\n    fine;");
        assertTrue(second.error().message().startsWith("line 2 of `String wrong = ...`"), second.error().message());
        CellRunner.Result missing = cells.run("nosuchMethod(3)");
        assertFalse(missing.ok());
        CellRunner.Result incomplete = cells.run("for (int i = 0; i < 3; i++) {");
        assertFalse(incomplete.ok());
        assertEquals("IncompleteSource", incomplete.error().name());
    }

    @Test
    void completionSuggestsMembers() {
        cells.run("String word = \"abc\";");
        CellRunner.Completions c = cells.complete("word.toUpp", 10);
        assertTrue(c.matches().stream().anyMatch(m -> m.startsWith("toUpperCase")), c.matches().toString());
        assertEquals(5, c.start());
    }
}
