package io.rewind.cli;

import io.rewind.jobs.BadFractionExceededException;
import io.rewind.formats.spark.OutputFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rewind} command line. Locally through the {@code ./rewind} launcher; on a cluster with
 * {@code spark-submit --class io.rewind.cli.Rewind rewind-spark-0.1.0-SNAPSHOT.jar SUBCOMMAND ...}.
 */
@Command(name = "rewind", mixinStandardHelpOptions = true, version = "rewind 0.1.0",
        description = "Learn and evaluate decision policies from logged data, on Spark.",
        subcommands = {QuickstartCommand.class, SimulateCommand.class, JoinCommand.class, EvaluateCommand.class,
                SimulateOnlineCommand.class, TrainBanditCommand.class, SimulateRlCommand.class,
                TrainRlCommand.class, EvaluateRlCommand.class, TransformCommand.class, PromoteCommand.class,
                RegistryCommand.class, PipelineCommand.class,
                CommandLine.HelpCommand.class})
public final class Rewind implements Runnable {
    /** Exit code when a job quarantined more than {@code --max-bad-fraction} of its input. */
    public static final int EXIT_TOO_MANY_BAD_ROWS = 3;
    /** Exit code for input or arguments the job cannot use. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = execute(args);
        System.exit(code);
    }

    /** Runs a command line and returns its exit code (tests call this directly). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Rewind());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String name = cmd.getCommandSpec().qualifiedName();
            if (e instanceof BadFractionExceededException) {
                cmd.getErr().println("rewind: " + e.getMessage());
                return EXIT_TOO_MANY_BAD_ROWS;
            }
            if (e instanceof OutputFailedException) {
                cmd.getErr().println(name + ": " + e.getMessage());
                return 1;
            }
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println(name + ": " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            cmd.getErr().println(name + " failed: " + e);
            e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
