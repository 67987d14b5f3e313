package io.rewind.jobs.evaluate;

import io.rewind.formats.Candidate;
import io.rewind.formats.TableFormat;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.formats.spark.TableReader;
import io.rewind.formats.spark.TableWriter;
import io.rewind.rl.sim.LoggedBanditSimulator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Target policies for the evaluation tests, written as decisions tables over a simulated log's events. */
public final class TargetTables {
    private TargetTables() {
    }

    /**
     * A decisions table (JSON lines at {@code out}) in which a policy gives each event's true class 1 − ε + ε/4 and
     * every other arm ε/4 (ε = 1: uniform), over the share {@code keepShare} of the interactions' events (by a hash
     * of their ids); the candidates listed in reverse order, so alignment by id is what the test exercises.
     */
    public static String onTrueClass(SparkSession spark, LoggedBanditSimulator sim, String interactions, Path out,
                              double epsilon, double keepShare) {
        JavaRDD<Row> rows = TableReader.read(spark, Tables.INTERACTIONS, TableFormat.PARQUET, interactions).valid()
                .javaRDD().filter(r -> io.rewind.formats.Split.unitHash(r.getString(0)) < keepShare).map(r -> {
                    Object[] d = SparkRows.fromRow(Tables.DECISIONS, r);
                    int label = sim.label((double[]) d[4]);
                    double[] probs = new double[4];
                    Arrays.fill(probs, epsilon / 4);
                    probs[label] += 1 - epsilon;
                    d[Tables.DECISIONS.indexOf("actions")] = List.of(new Candidate("3", null),
                            new Candidate("2", null), new Candidate("1", null), new Candidate("0", null));
                    double[] reversed = {probs[3], probs[2], probs[1], probs[0]};
                    d[Tables.DECISIONS.indexOf("action")] = String.valueOf(label);
                    d[Tables.DECISIONS.indexOf("action_prob")] = probs[label];
                    d[Tables.DECISIONS.indexOf("action_probs")] = reversed;
                    return SparkRows.toRow(Tables.DECISIONS, d);
                });
        TableWriter.write(spark.createDataFrame(rows, SparkSchemas.of(Tables.DECISIONS)), Tables.DECISIONS,
                TableFormat.JSONL, out.toString());
        return out.toString();
    }
}
