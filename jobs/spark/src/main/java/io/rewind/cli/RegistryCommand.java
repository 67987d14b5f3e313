package io.rewind.cli;

import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.registry.Registry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Show the registry: list (experiments and their hosted models), show (an experiment's models),"
                + " history (an experiment's runs), as JSON lines.")
public final class RegistryCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "list, show or history")
    String action;

    @Option(names = "--registry", required = true, description = "the registry's folder (Delta tables)")
    String registry;

    @Option(names = "--experiment", description = "for show and history")
    String experiment;

    @Override
    public Integer call() {
        Registry r = new Registry(LocalSpark.getOrCreate("rewind registry"), registry);
        String table = switch (action) {
            case "list" -> "experiments";
            case "show" -> "models";
            case "history" -> "runs";
            default -> throw new IllegalArgumentException("unknown registry action '" + action
                    + "', expected list, show or history");
        };
        if (!action.equals("list") && experiment == null) {
            throw new IllegalArgumentException("registry " + action + " needs --experiment");
        }
        r.lines(table, action.equals("list") ? null : experiment).forEach(System.out::println);
        return 0;
    }
}
