package io.rewind.jobs.registry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The model registry: three Delta tables under one root. {@code experiments} (which model each experiment hosts),
 * {@code models} (every registered model, its path, provenance, metrics and state) and {@code runs} (every job run
 * with its state, inputs, outputs and numbers). Every change is one Delta transaction; changing the hosted model is
 * a compare-and-set, so of two promotions racing for one experiment only one can win.
 */
public final class Registry {
    public static final StructType EXPERIMENTS = new StructType().add("experiment_id", DataTypes.StringType)
            .add("hosted_model_id", DataTypes.StringType).add("updated_at", DataTypes.TimestampType);
    public static final StructType MODELS = new StructType().add("model_id", DataTypes.StringType)
            .add("experiment_id", DataTypes.StringType).add("path", DataTypes.StringType)
            .add("kind", DataTypes.StringType).add("state", DataTypes.StringType)
            .add("registered_at", DataTypes.TimestampType).add("provenance", DataTypes.StringType);
    public static final StructType RUNS = new StructType().add("run_id", DataTypes.StringType)
            .add("experiment_id", DataTypes.StringType).add("kind", DataTypes.StringType)
            .add("state", DataTypes.StringType).add("started_at", DataTypes.TimestampType)
            .add("ended_at", DataTypes.TimestampType).add("inputs", DataTypes.StringType)
            .add("outputs", DataTypes.StringType).add("metrics", DataTypes.StringType)
            .add("message", DataTypes.StringType);

    private final SparkSession spark;
    private final String root;
    private final RunLeases leases;

    public Registry(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root.replaceAll("/+$", "");
        create("experiments", EXPERIMENTS);
        create("models", MODELS);
        create("runs", RUNS);
        this.leases = new RunLeases(spark, this.root + "/_leases");
        markStaleRuns();
        completePromotions();
    }

    /**
     * The hosted pointer ({@code experiments}) is a promotion's commit point; the model states follow it in later
     * commits. A promotion killed in between is completed here, before anyone reads the registry: the hosted model
     * is PROMOTED and no other model of its experiment is.
     */
    private void completePromotions() {
        // both tables are small (a row per experiment, a row per model): read to the driver, not joined in Spark
        Map<String, String> hostedBy = new HashMap<>();
        for (Row r : table("experiments").filter(col("hosted_model_id").isNotNull())
                .select("experiment_id", "hosted_model_id").collectAsList()) {
            hostedBy.put(r.getString(0), r.getString(1));
        }
        Map<String, ModelState> states = new LinkedHashMap<>();
        for (Row r : table("models").select("model_id", "experiment_id", "state").collectAsList()) {
            boolean hosted = r.getString(0).equals(hostedBy.get(r.getString(1)));
            boolean promoted = ModelState.PROMOTED.name().equals(r.getString(2));
            if (hosted && !promoted) {
                states.put(r.getString(0), ModelState.PROMOTED);
            } else if (!hosted && promoted) {
                states.put(r.getString(0), ModelState.RETIRED);
            }
        }
        setModelStates(states);
    }

    /**
     * Runs left RUNNING by a process that died (SIGKILL, a lost machine) are marked FAILED once their lease has
     * not been renewed for {@link RunLeases#TIMEOUT}, so history and the pipeline's skip logic never wait on them.
     */
    private void markStaleRuns() {
        for (Row r : table("runs").filter(col("state").equalTo(RunState.RUNNING.name())).select("run_id", "started_at")
                .collectAsList()) {
            String id = r.getString(0);
            Instant last = leases.lastRenewal(id).orElse(r.getTimestamp(1).toInstant());
            if (last.plus(RunLeases.TIMEOUT).isBefore(Instant.now())) {
                finishRun(id, RunState.FAILED, null, null, "the run stopped without finishing: no heartbeat since " + last
                        + " (lease " + RunLeases.TIMEOUT.toSeconds() + " s); its process was killed or lost its"
                        + " machine");
            }
        }
    }

    private String path(String table) {
        return root + "/" + table;
    }

    private void create(String table, StructType schema) {
        if (!DeltaTable.isDeltaTable(spark, path(table))) {
            try {
                spark.createDataFrame(List.of(), schema).write().format("delta").mode("append").save(path(table));
            } catch (RuntimeException e) {
                if (!DeltaTable.isDeltaTable(spark, path(table))) {
                    throw e;
                }
            }
        }
    }

    /** Runs a Delta write again when a concurrent transaction made it conflict (a few times, then gives up). */
    static void retrying(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5 || !concurrent(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Delta's conflicts (concurrent append, protocol or metadata changed by a racing creator) are all of this kind. */
    static boolean concurrent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrentModificationException) {
                return true;
            }
        }
        return false;
    }

    public Dataset<Row> table(String name) {
        if (!List.of("experiments", "models", "runs").contains(name)) {
            throw new IllegalArgumentException("no registry table " + name + " (experiments, models, runs)");
        }
        return spark.read().format("delta").load(path(name));
    }

    /**
     * Registers a model once (a second registration of the same id changes nothing); returns its id. The append is
     * a Delta idempotent write keyed on the model id, so it needs no MERGE (no read of the table, no join).
     */
    public String registerModel(String modelId, String experiment, String modelPath, String kind, String provenance) {
        Dataset<Row> row = spark.createDataFrame(List.of(RowFactory.create(modelId, experiment, modelPath, kind,
                ModelState.REGISTERED.name(), java.sql.Timestamp.from(Instant.now()), provenance)), MODELS);
        retrying(() -> row.write().format("delta").mode("append").option("txnAppId", "rewind-model-" + modelId)
                .option("txnVersion", 0L).save(path("models")));
        return modelId;
    }

    /** Sets the states of several models in one Delta transaction (one UPDATE: a promotion's two changes together). */
    public void setModelStates(Map<String, ModelState> states) {
        if (states.isEmpty()) {
            return;
        }
        Column state = col("state");
        for (var e : states.entrySet()) {
            state = when(col("model_id").equalTo(e.getKey()), lit(e.getValue().name())).otherwise(state);
        }
        Map<String, Column> set = Map.of("state", state);
        retrying(() -> DeltaTable.forPath(spark, path("models")).update(col("model_id").isin(states.keySet().toArray()),
                set));
    }

    public Optional<Row> model(String modelId) {
        List<Row> r = table("models").filter(col("model_id").equalTo(modelId)).collectAsList();
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    public Optional<String> hosted(String experiment) {
        List<Row> r = table("experiments").filter(col("experiment_id").equalTo(experiment)).collectAsList();
        return r.isEmpty() || r.get(0).isNullAt(1) ? Optional.empty() : Optional.of(r.get(0).getString(1));
    }

    /**
     * Makes {@code candidate} the experiment's hosted model only if the hosted model is still {@code expected}
     * (null: none yet). Returns whether this call made the change; a concurrent change makes it return false.
     */
    public boolean compareAndSetHosted(String experiment, String expected, String candidate) {
        Dataset<Row> s = spark.createDataFrame(List.of(RowFactory.create(experiment, candidate,
                java.sql.Timestamp.from(Instant.now()))), EXPERIMENTS);
        Column same = expected == null ? col("t.hosted_model_id").isNull()
                : col("t.hosted_model_id").equalTo(lit(expected));
        try {
            var merge = DeltaTable.forPath(spark, path("experiments")).as("t").merge(s.as("s"),
                    "t.experiment_id = s.experiment_id").whenMatched(same).updateAll();
            if (expected == null) {
                merge = merge.whenNotMatched().insertAll();
            }
            // the MERGE's own count says whether the row changed; a racing promotion makes it 0 or a conflict
            return merge.execute().first().<Long>getAs("num_affected_rows") == 1;
        } catch (RuntimeException e) {
            if (concurrent(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Records a run that has started; returns its id. */
    public String startRun(String experiment, String kind, String inputs) {
        String id = UUID.randomUUID().toString();
        leases.start(id); // before the row, so no sweeper ever sees this run RUNNING without a lease
        Dataset<Row> row = spark.createDataFrame(List.of(RowFactory.create(id, experiment, kind, RunState.RUNNING.name(),
                java.sql.Timestamp.from(Instant.now()), null, inputs, null, null, null)), RUNS);
        retrying(() -> row.write().format("delta").mode("append").save(path("runs")));
        return id;
    }

    public void finishRun(String runId, RunState state, String outputs, String metrics, String message) {
        Map<String, Column> set = Map.of("state", lit(state.name()), "ended_at",
                lit(java.sql.Timestamp.from(Instant.now())), "outputs", lit(outputs), "metrics", lit(metrics),
                "message", lit(message));
        retrying(() -> DeltaTable.forPath(spark, path("runs")).update(col("run_id").equalTo(runId), set));
        leases.end(runId);
    }

    /** A table's rows as JSON lines, oldest first, optionally for one experiment. */
    public List<String> lines(String table, String experiment) {
        Dataset<Row> t = table(table);
        if (experiment != null) {
            t = t.filter(col("experiment_id").equalTo(experiment));
        }
        String order = table.equals("runs") ? "started_at" : table.equals("models") ? "registered_at" : "updated_at";
        return t.orderBy(order).toJSON().collectAsList();
    }
}
