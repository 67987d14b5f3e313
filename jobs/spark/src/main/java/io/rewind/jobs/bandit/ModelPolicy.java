package io.rewind.jobs.bandit;

import static org.apache.spark.sql.functions.col;

import io.rewind.formats.Candidate;
import io.rewind.formats.Split;
import io.rewind.formats.spark.SparkRows;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.LinearLearner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A saved bandit model as a target policy: its distribution over each logged row's candidates, given the row's
 * context. The model file is read once on the driver and broadcast; each partition restores the learner once.
 * Learners whose distribution is itself random (Thompson sampling) draw from a stream seeded by the event id, so
 * the probabilities do not depend on partitioning.
 */
public final class ModelPolicy {
    private ModelPolicy() {
    }

    public static String read(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new IllegalArgumentException("model file " + path + " does not exist");
            }
            if (fs.getFileStatus(p).isDirectory()) {
                throw folderGiven(path, fs.exists(new Path(p, "policy.json")));
            }
            try (var in = fs.open(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + path, e);
        }
    }

    /** A folder where a bandit model file was expected: most likely train-rl's policy. */
    public static IllegalArgumentException folderGiven(String path, boolean batchRlPolicy) {
        return new IllegalArgumentException(path + (batchRlPolicy
                ? " is a batch-RL policy (train-rl's OUTPUT/policy), not a bandit model; evaluate it with"
                        + " evaluate episodes --target-policy or evaluate-rl, score with it with transform"
                : " is a folder; a bandit model is one JSON file (train-bandit's --model)"));
    }

    static BanditModel parse(String json, String path) {
        try {
            return BanditModel.parse(json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(path + " is not a Rewind bandit model: " + e.getMessage(), e);
        }
    }

    /**
     * event_id, {@code prefix}_ids, {@code prefix}_probs: the model's distribution over each row's candidates.
     * {@code rows} needs event_id, context and actions.
     */
    public static Dataset<Row> distributions(SparkSession spark, Dataset<Row> rows, String modelPath, String prefix) {
        String json = read(spark, modelPath);
        parse(json, modelPath);
        Broadcast<String> model = spark.sparkContext().broadcast(json, scala.reflect.ClassTag$.MODULE$.apply(
                String.class));
        StructType schema = new StructType().add("event_id", DataTypes.StringType)
                .add(prefix + "_ids", DataTypes.createArrayType(DataTypes.StringType))
                .add(prefix + "_probs", DataTypes.createArrayType(DataTypes.DoubleType));
        MapPartitionsFunction<Row, Row> score = it -> {
            LinearLearner learner = parse(model.value(), modelPath).restoreLearner();
            return new Iterator<Row>() {
                public boolean hasNext() {
                    return it.hasNext();
                }

                public Row next() {
                    Row r = it.next();
                    String id = r.getString(0);
                    double[] x = r.isNullAt(1) ? null : SparkRows.doubles(r.get(1));
                    List<Candidate> candidates = SparkRows.candidates(r.get(2));
                    double[] p = learner.decide(x, candidates, new SplittableRandom(
                            Double.doubleToLongBits(Split.unitHash(id)))).probabilities();
                    return RowFactory.create(id, candidates.stream().map(Candidate::id).toArray(String[]::new), p);
                }
            };
        };
        return rows.select(col("event_id"), col("context"), col("actions"))
                .mapPartitions(score, Encoders.row(schema))
                .dropDuplicates("event_id");
    }
}
