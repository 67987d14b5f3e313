package io.rewind.cli;

import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.show.TableOverview;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a table Rewind wrote (Delta, Parquet or JSON lines: interactions, decisions, quarantines,"
                + " registry tables): its kind and version, row count, schema and first rows, and for a quarantine"
                + " its rows by reason. A folder of tables (a join's quarantine: decisions/ and rewards/) shows"
                + " each.")
public final class ShowCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the table's path (any Hadoop path)")
    String path;

    @Option(names = "--rows", defaultValue = "10", description = "first rows to print (default ${DEFAULT-VALUE})")
    int rows;

    @Override
    public Integer call() {
        for (TableOverview t : TableOverview.allAt(LocalSpark.getOrCreate("rewind show"), path, rows)) {
            System.out.print(t.describe());
        }
        return 0;
    }
}
