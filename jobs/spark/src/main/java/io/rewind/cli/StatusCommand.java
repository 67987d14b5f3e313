package io.rewind.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print a --status-file and exit with the exit code it records (1 when there is none: the job"
                + " was killed or never started). For schedulers: in standalone cluster deploy mode spark-submit"
                + " exits 0 even when the driver failed.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the status file a command wrote (any Hadoop path)")
    String path;

    @Override
    public Integer call() {
        JsonNode s;
        try {
            s = Json.tree(StatusFile.read(path));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("rewind status: no readable status at " + path + " (the job was killed, never started"
                    + " or could not write it): " + e.getMessage());
            return 1;
        }
        System.out.println(s.toPrettyString());
        JsonNode code = s.get("exit_code");
        return code == null || !code.canConvertToInt() ? 1 : code.asInt();
    }
}
