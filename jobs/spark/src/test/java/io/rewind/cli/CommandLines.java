package io.rewind.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a {@code rewind} command line in this JVM, as tests anywhere do. */
public final class CommandLines {
    private CommandLines() {
    }

    /** The exit code and what the command printed to standard error. */
    public static String[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int code = Rewind.execute(args);
            return new String[] {String.valueOf(code), bytes.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }
}
