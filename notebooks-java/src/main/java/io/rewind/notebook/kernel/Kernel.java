package io.rewind.notebook.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * A Jupyter kernel for Java, built on JShell: {@code java -cp ... io.rewind.notebook.kernel.Kernel CONNECTION_FILE}.
 * Jupyter's wire protocol is jjava-jupyter's ({@link BaseKernel}); this class holds only Rewind's glue: cells run
 * by {@link CellRunner} on a thread of their own, an interrupt stopping the running cell
 * ({@link CellRunner#interrupt}), completions.
 */
public final class Kernel extends BaseKernel {
    private static final String VERSION = "0.2.0";

    private final CellRunner cells;
    /** Cells run here, not on jjava's shell thread: an interrupt must not reach that thread's ZeroMQ calls. */
    private final java.util.concurrent.ExecutorService cellThread = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "kernel-cell");
                t.setDaemon(true);
                return t;
            });

    Kernel(CellRunner cells) {
        super("rewind-java", VERSION,
                new LanguageInfo("java", String.valueOf(Runtime.version().feature()), "text/x-java-source",
                        ".jshell", "java", "java", "script"),
                List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, null,
                false, new StringStyler("", "", "", line -> ""));
        this.cells = cells;
    }

    /** The kernel this JVM runs, if any: jjava's {@code notebookKernel()} throws when there is none. */
    public static java.util.Optional<BaseKernel> running() {
        return java.util.Optional.ofNullable(notebookKernel);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Kernel CONNECTION_FILE");
            System.exit(2);
        }
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection jupyter = new JupyterConnection(connection);
        Kernel kernel = new Kernel(new CellRunner(System.getProperty("java.class.path")));
        kernel.installNotebookKernel();
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        System.err.println("rewind-java kernel listening on " + connection.getIp() + ":" + connection.getShellPort());
        jupyter.waitUntilClose();
        kernel.cells.close();
        System.exit(0);
    }

    @Override
    public String getBanner() {
        return "Rewind Java kernel (JShell, Java " + Runtime.version() + ")";
    }

    /** The cell's last expression's value as text, or null; a failing cell throws {@link CellFailedException}. */
    @Override
    public Object evalRaw(String code) {
        CellRunner.Result result;
        try {
            result = cellThread.submit(() -> cells.run(code)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            result = new CellRunner.Result(null, new CellRunner.CellError(t.getClass().getName(),
                    String.valueOf(t.getMessage()), List.of(t.toString())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cells.interrupt();
            throw new IllegalStateException("the kernel is shutting down", e);
        }
        System.out.flush();
        System.err.flush();
        if (!result.ok()) {
            throw new CellFailedException(result.error());
        }
        return result.value();
    }

    @Override
    public List<String> formatError(Throwable e) {
        return e instanceof CellFailedException c ? c.error().traceback() : super.formatError(e);
    }

    @Override
    public void interrupt() {
        cells.interrupt();
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        CellRunner.Completions c = cells.complete(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_MAYBE;
    }

    /** A cell's compile error, unresolved reference or exception, named as the cell's error names it. */
    static final class CellFailedException extends RuntimeException {
        private final CellRunner.CellError error;

        CellFailedException(CellRunner.CellError error) {
            super(error.name() + ": " + error.message(), null, false, false);
            this.error = error;
        }

        CellRunner.CellError error() {
            return error;
        }
    }
}
