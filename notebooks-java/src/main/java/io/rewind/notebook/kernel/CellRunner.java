package io.rewind.notebook.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs notebook cells with JShell, in this JVM and on the calling thread, so snippets see the kernel's
 * classpath (Rewind, Spark, DJL) as ordinary classes and their output goes to the kernel's streams.
 */
public final class CellRunner implements AutoCloseable {
    /** What a cell left: its last expression's value (or null) or the error that stopped it. */
    public record Result(String value, CellError error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** A compile error, an unresolved reference or an exception thrown by the cell. */
    public record CellError(String name, String message, List<String> traceback) {
    }

    /** The jshell tool's default imports, so cells read like jshell sessions. */
    static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
            "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*", "java.util.stream.*");

    private final JShell shell;
    /** The cell running now (its thread), or null between cells; each run is a new record. */
    private volatile Running running;

    private record Running(Thread thread, java.util.concurrent.atomic.AtomicBoolean interrupted) {
    }
    private final java.util.concurrent.ScheduledExecutorService stopper = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kernel-cell-stopper");
                t.setDaemon(true);
                return t;
            });

    public CellRunner(String classpath) {
        shell = JShell.builder().executionEngine(new InThread(), Map.of()).build();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) shell.addToClasspath(entry);
        }
        for (String pkg : DEFAULT_IMPORTS) shell.eval("import " + pkg + ";");
    }

    /** Evaluates every snippet of {@code code} in order; stops at the first failing one. */
    public Result run(String code) {
        Running cell = new Running(Thread.currentThread(), new java.util.concurrent.atomic.AtomicBoolean());
        running = cell;
        try {
            return runSnippets(code);
        } finally {
            running = null;
            if (cell.interrupted().get()) {
                cancelSparkJobsLeft();
            }
        }
    }

    /**
     * An interrupted cell ends only once the default session has no job left (at most 10 s): a cell stopped while
     * it was still planning its query submits the job after the interrupt's cancel, so jobs are cancelled again
     * until none runs, and Spark's cancel is asynchronous.
     */
    private static void cancelSparkJobsLeft() {
        scala.Option<org.apache.spark.sql.SparkSession> spark = org.apache.spark.sql.SparkSession.getDefaultSession();
        if (spark.isEmpty()) {
            return;
        }
        Thread.interrupted(); // the interrupt was for the cell, which is over
        org.apache.spark.SparkContext sc = spark.get().sparkContext();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (sc.statusTracker().getActiveJobIds().length > 0 && System.nanoTime() < deadline) {
            sc.cancelAllJobs();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }

    /**
     * Stops the running cell, if any: cancels the Spark jobs of the default session (a cell waiting on a job then
     * fails with Spark's "cancelled"), interrupts the cell's thread (sleeps, waits and interruptible I/O end), and a
     * cell that ignores both for two seconds (a busy loop) is stopped outright with {@code Thread.stop}, which Java 17
     * to 19 still honour; on a later Java the kernel says it cannot and the kernel must be restarted.
     */
    public void interrupt() {
        Running cell = running;
        if (cell == null) {
            return;
        }
        cell.interrupted().set(true);
        scala.Option<org.apache.spark.sql.SparkSession> spark = org.apache.spark.sql.SparkSession.getDefaultSession();
        if (spark.isDefined()) {
            spark.get().sparkContext().cancelAllJobs();
        }
        cell.thread().interrupt();
        stopper.schedule(() -> stopIfStillRunning(cell), 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stopIfStillRunning(Running cell) {
        if (running != cell) {
            return;
        }
        try {
            cell.thread().stop();
        } catch (UnsupportedOperationException e) {
            System.err.println("this cell ignores interrupts and this Java cannot stop a thread; restart the kernel"
                    + " to stop it");
        }
    }

    private Result runSnippets(String code) {
        String remaining = code;
        String value = null;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            SourceCodeAnalysis.Completeness completeness = info.completeness();
            if (completeness == SourceCodeAnalysis.Completeness.EMPTY) break;
            String source;
            if (completeness.isComplete()) {
                source = info.source();
                remaining = info.remaining();
            } else if (completeness == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) {
                return new Result(null, new CellError("IncompleteSource",
                        "the cell ends in the middle of a statement: " + firstLine(remaining), List.of()));
            } else {
                source = remaining;
                remaining = "";
            }
            value = null;
            for (SnippetEvent event : shell.eval(source)) {
                if (event.causeSnippet() != null) {
                    warnIfReset(event);
                    continue;
                }
                CellError error = errorOf(event);
                if (error != null) return new Result(null, error);
                if (isExpression(event.snippet()) && event.value() != null) value = event.value();
            }
        }
        return new Result(value, null);
    }

    /** JShell recompiles a variable when a later import might change its type's name, and resets its value. */
    private static void warnIfReset(SnippetEvent event) {
        if (event.snippet() instanceof jdk.jshell.VarSnippet v && event.previousStatus().isDefined()
                && event.status().isDefined()) {
            System.err.println("note: this cell's import made JShell redefine variable " + v.name()
                    + "; its value was reset (put imports in the first cell)");
        }
    }

    private CellError errorOf(SnippetEvent event) {
        Snippet snippet = event.snippet();
        if (event.status() == Snippet.Status.REJECTED) {
            List<String> lines = shell.diagnostics(snippet)
                    .map(d -> describe(snippet.source(), d))
                    .collect(Collectors.toList());
            if (lines.isEmpty()) lines = List.of("rejected: " + firstLine(snippet.source()));
            return new CellError("CompilationError", String.join("; ", lines), lines);
        }
        if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED
                || event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
            if (snippet instanceof jdk.jshell.DeclarationSnippet decl) {
                List<String> missing = shell.unresolvedDependencies(decl).collect(Collectors.toList());
                if (!missing.isEmpty()) {
                    return new CellError("UnresolvedReference", "cannot find " + String.join(", ", missing),
                            List.of(firstLine(snippet.source())));
                }
            }
        }
        JShellException thrown = event.exception();
        if (thrown != null) return errorOf(thrown);
        return null;
    }

    private static CellError errorOf(JShellException thrown) {
        String name = thrown instanceof EvalException e ? e.getExceptionClassName()
                : thrown instanceof UnresolvedReferenceException u
                        ? "UnresolvedReference: " + u.getSnippet().toString() : thrown.getClass().getName();
        List<String> traceback = new ArrayList<>();
        Throwable t = thrown;
        while (t != null) {
            String cls = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
            traceback.add((t == thrown ? "" : "Caused by: ") + cls + ": " + t.getMessage());
            for (StackTraceElement el : t.getStackTrace()) traceback.add("    at " + el);
            t = t.getCause();
        }
        return new CellError(name, String.valueOf(thrown.getMessage()), traceback);
    }

    private static String describe(String source, Diag d) {
        long pos = Math.max(0, Math.min(d.getStartPosition(), source.length()));
        int start = source.length() - source.stripLeading().length();
        int line = 1 + (int) source.substring(Math.min(start, (int) pos), (int) pos).chars().filter(c -> c == '\n')
                .count();
        return "line " + line + " of `" + firstLine(source) + "`: " + d.getMessage(Locale.ROOT);
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    /** Completions for {@code code} at {@code cursor}: the suggestions and where the replaced text starts. */
    public Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<String> matches = shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new Completions(matches, anchor[0], cursor);
    }

    public record Completions(List<String> matches, int start, int end) {
    }

    @Override
    public void close() {
        stopper.shutdownNow();
        shell.close();
    }

    /** Snippets run directly on the thread that evaluates the cell, in this JVM. */
    private static final class InThread implements ExecutionControlProvider {
        @Override
        public String name() {
            return "rewind-in-thread";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new DirectExecutionControl();
        }
    }
}
