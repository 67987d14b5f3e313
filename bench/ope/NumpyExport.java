import static org.apache.spark.sql.functions.col;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * bench/ope: writes the joined interactions and the target's probabilities as NumPy arrays (.npy, float64, arms in
 * the order of each row's candidates, which `rewind simulate` keeps fixed) for the numpy peer, which has no Parquet
 * reader here (no pyarrow in Debian's python3-numpy). Not timed. Args: interactions (Parquet), target decisions
 * (Parquet), output folder.
 */
public class NumpyExport {
    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().appName("numpy-export").master("local[2]")
                .config("spark.ui.enabled", "false").getOrCreate();
        List<Row> rows = spark.read().parquet(args[0]).select("event_id", "context", "actions", "action",
                        "action_prob", "reward")
                .join(spark.read().parquet(args[1]).select(col("event_id"), col("actions.id").as("t_ids"),
                        col("action_probs").as("t_probs")), "event_id")
                .orderBy("event_id").collectAsList();
        int n = rows.size();
        int d = rows.get(0).<Object>getList(1).size();
        int k = rows.get(0).getList(2).size();
        double[] x = new double[n * d];
        double[] arm = new double[n];
        double[] prob = new double[n];
        double[] reward = new double[n];
        double[] target = new double[n * k];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            List<Double> context = r.getList(1);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = context.get(j);
            }
            List<Row> actions = r.getList(2);
            List<String> tIds = r.getList(6);
            List<Double> tProbs = r.getList(7);
            for (int j = 0; j < k; j++) {
                String id = actions.get(j).getString(0);
                if (id.equals(r.getString(3))) {
                    arm[i] = j;
                }
                target[i * k + j] = tProbs.get(tIds.indexOf(id));
            }
            prob[i] = r.getDouble(4);
            reward[i] = r.getDouble(5);
        }
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        write(out.resolve("x.npy"), x, n, d);
        write(out.resolve("arm.npy"), arm, n, 0);
        write(out.resolve("prob.npy"), prob, n, 0);
        write(out.resolve("reward.npy"), reward, n, 0);
        write(out.resolve("target.npy"), target, n, k);
        System.out.println("exported " + n + " rows, " + d + " features, " + k + " arms to " + out);
        spark.stop();
    }

    /** NumPy's .npy format, version 1.0: magic, header length, a dict literal padded to 64 bytes, the data. */
    static void write(Path file, double[] data, int rows, int cols) throws IOException {
        String shape = cols == 0 ? "(" + rows + ",)" : "(" + rows + ", " + cols + ")";
        StringBuilder header = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(header.length() & 0xff);
            out.write(header.length() >> 8);
            out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asDoubleBuffer().put(data);
            out.write(buf.array());
        }
    }
}
