package io.rewind.cli;

import io.rewind.jobs.JobSummary;

/** What commands print at the end; the summary is kept for {@code --status-file}. */
final class Console {
    /** The summary the command running on this thread printed (commands may run commands: pipeline). */
    static final ThreadLocal<JobSummary> PRINTED = new ThreadLocal<>();

    private Console() {
    }

    static void summary(String command, JobSummary s) {
        PRINTED.set(s);
        System.out.println("rewind " + command + "\n" + s.toTable());
    }
}
