package io.rewind.cli;

import io.rewind.jobs.BadFractionExceededException;
import io.rewind.jobs.JobSummary;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rewind} command line. Locally through the {@code ./rewind} launcher; on a cluster with
 * {@code spark-submit --class io.rewind.cli.Rewind rewind-spark-0.1.0-SNAPSHOT.jar SUBCOMMAND ...}.
 */
@Command(name = "rewind", mixinStandardHelpOptions = true, version = "rewind 0.1.0",
        description = "Learn and evaluate decision policies from logged data, on Spark.")
public final class Rewind implements Runnable, Subcommands.Parent {
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

    @CommandLine.Option(names = "--status-file", scope = CommandLine.ScopeType.INHERIT, description = "write how the"
            + " command ended (exit code, SUCCEEDED or FAILED, message, summary) as JSON to this path (any Hadoop"
            + " path); deleted when the command starts. For schedulers in cluster deploy mode, where the driver's"
            + " console and exit code stay on a worker")
    String statusFile;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "print the stack"
            + " trace of an unexpected failure (exit 1)")
    boolean verbose;

    @Override
    public Subcommands subcommands() {
        return new Subcommands(List.of("quickstart", "simulate", "import", "join", "evaluate", "simulate-online",
                "train-bandit", "simulate-rl", "train-rl", "evaluate-rl", "transform", "promote", "registry",
                "pipeline", "status", "show"), Rewind::create);
    }

    private static Object create(String name) {
        return switch (name) {
            case "quickstart" -> new QuickstartCommand();
            case "simulate" -> new SimulateCommand();
            case "import" -> new ImportCommand();
            case "join" -> new JoinCommand();
            case "evaluate" -> new EvaluateCommand();
            case "simulate-online" -> new SimulateOnlineCommand();
            case "train-bandit" -> new TrainBanditCommand();
            case "simulate-rl" -> new SimulateRlCommand();
            case "train-rl" -> new TrainRlCommand();
            case "evaluate-rl" -> new EvaluateRlCommand();
            case "transform" -> new TransformCommand();
            case "promote" -> new PromoteCommand();
            case "registry" -> new RegistryCommand();
            case "pipeline" -> new PipelineCommand();
            case "status" -> new StatusCommand();
            case "show" -> new ShowCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /**
     * The command line for {@code args}: the root with the subcommand they name, or every subcommand when they name
     * none (as for help) or are null, and {@code help}.
     */
    static CommandLine commandLine(Rewind root, List<String> args) {
        CommandLine cli = Subcommands.build(root, args);
        cli.addSubcommand(new CommandLine.HelpCommand());
        return cli.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Runs a command line and returns its exit code (tests call this directly). */
    public static int execute(String... args) {
        Rewind root = new Rewind();
        CommandLine cli = commandLine(root, List.of(args));
        String[] failure = new String[1];
        String[] usageOf = new String[1];
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Failure f = Failure.of(e);
            failure[0] = f.message();
            if (e instanceof BadFractionExceededException bad) {
                Console.PRINTED.set(bad.summary());
            }
            String name = f.exit() == EXIT_TOO_MANY_BAD_ROWS ? "rewind" : cmd.getCommandSpec().qualifiedName();
            String separator = f.message().startsWith("failed:") ? " " : ": ";
            if (f.trace() && root.verbose) {
                cmd.getErr().println(name + separator + f.message());
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println(name + separator + f.message() + (f.trace() ? " (--verbose prints the stack"
                        + " trace)" : ""));
            }
            return f.exit();
        });
        cli.setParameterExceptionHandler((e, rest) -> {
            failure[0] = e.getMessage();
            CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
            usageOf[0] = spec.qualifiedName();
            e.getCommandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage() + " ("
                    + spec.qualifiedName() + " --help lists the options)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionStrategy(parsed -> {
            if (root.statusFile != null) {
                StatusFile.delete(root.statusFile);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        JobSummary outer = Console.PRINTED.get();
        Console.PRINTED.remove();
        try {
            int code = cli.execute(args);
            if (root.statusFile == null) {
                return code;
            }
            String command = usageOf[0] != null ? usageOf[0]
                    : lastCommand(cli.getParseResult()).commandSpec().qualifiedName();
            try {
                StatusFile.write(root.statusFile, StatusFile.json(command, code, failure[0], Console.PRINTED.get()));
                return code;
            } catch (java.io.UncheckedIOException e) {
                cli.getErr().println("rewind: " + e.getMessage() + ": " + e.getCause().getMessage());
                return code == 0 ? 1 : code;
            }
        } finally {
            Console.PRINTED.set(outer);
        }
    }

    private static CommandLine.ParseResult lastCommand(CommandLine.ParseResult r) {
        return r.hasSubcommand() ? lastCommand(r.subcommand()) : r;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
