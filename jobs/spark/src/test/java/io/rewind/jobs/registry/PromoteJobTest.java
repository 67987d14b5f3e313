package io.rewind.jobs.registry;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.LoggedInteractions;
import io.rewind.jobs.bandit.TrainBanditConfig;
import io.rewind.jobs.bandit.TrainBanditJob;
import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.Learners;
import io.rewind.rl.bandit.Reduction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion on known answers: trained models find the context's class (value about 0.88), an untrained one always
 * picks the first candidate (about 0.25). The first model is promoted; a clearly better one replaces a worse one;
 * a worse one or the same one does not; of two promotions racing on a new registry exactly one wins.
 */
class PromoteJobTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    static Path dir;
    static String interactions;
    static String good;
    static String good2;
    static String bad;

    @BeforeAll
    static void models() throws Exception {
        interactions = LoggedInteractions.write(SPARK, dir);
        good = dir.resolve("good.json").toString();
        good2 = dir.resolve("good2.json").toString();
        TrainBanditJob.run(SPARK, new TrainBanditConfig(List.of(interactions), TableFormat.PARQUET, "greedy",
                Reduction.MTR, "train", null, false, 4, 1, good, 0.01));
        TrainBanditJob.run(SPARK, new TrainBanditConfig(List.of(interactions), TableFormat.PARQUET, "linucb",
                Reduction.MTR, "train", null, false, 4, 1, good2, 0.01));
        bad = dir.resolve("bad.json").toString();
        BanditModel.of(Learners.create("greedy", new FeatureMap(4, 0, List.of("0", "1", "2", "3"), 4), 1),
                BanditModel.Provenance.now("untrained", 0, Map.of())).save(Path.of(bad));
    }

    static PromoteConfig promote(String experiment, String candidate) {
        return new PromoteConfig(dir.resolve("registry").toString(), experiment, candidate, List.of(interactions),
                TableFormat.PARQUET, io.rewind.jobs.evaluate.SplitSelection.EVAL, Gate.INTERVAL, 50, 1);
    }

    @Test
    void theGateDecidesOnKnownAnswersAndEveryDecisionIsRecorded() {
        Registry registry = new Registry(SPARK, dir.resolve("registry").toString());
        JobSummary first = PromoteJob.run(SPARK, promote("exp-a", bad));
        assertEquals("PROMOTED", first.get("decision"), "the first model is promoted: " + first.toTable());
        JobSummary better = PromoteJob.run(SPARK, promote("exp-a", good));
        assertEquals("PROMOTED", better.get("decision"), better.toTable());
        assertTrue(((Number) better.get("difference_dr_lower")).doubleValue() > 0);
        assertEquals("RETIRED", registry.model(PromoteJob.modelId(bad)).orElseThrow().getAs("state"),
                "the replaced model is retired");
        JobSummary worse = PromoteJob.run(SPARK, promote("exp-a", bad));
        assertEquals("REJECTED", worse.get("decision"), worse.toTable());
        JobSummary same = PromoteJob.run(SPARK, promote("exp-a", good));
        assertEquals("REJECTED", same.get("decision"), "the hosted model does not replace itself");
        assertEquals(PromoteJob.modelId(good), registry.hosted("exp-a").orElseThrow());
        assertEquals("PROMOTED", registry.model(PromoteJob.modelId(good)).orElseThrow().getAs("state"),
                "proposed again while hosted: still the promoted one, not rejected");
        var runs = registry.table("runs").filter(col("experiment_id").equalTo("exp-a"));
        assertEquals(4, runs.count());
        assertEquals(0, runs.filter(col("state").equalTo("RUNNING")).count(), "every run ended");
        assertTrue(runs.filter(col("metrics").contains("difference_dr")).count() >= 2, "the numbers are recorded");
        assertEquals("REJECTED", registry.model(PromoteJob.modelId(bad)).orElseThrow().getAs("state"),
                "proposed again and rejected");
    }

    @Test
    void ofTwoPromotionsRacingOnAnEmptyRegistryOneWinsAndBothAreRecorded() throws Exception {
        String root = dir.resolve("empty-registry").toString();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<JobSummary>> results = new ArrayList<>();
        for (String m : List.of(good, good2)) {
            results.add(pool.submit(() -> PromoteJob.run(SPARK, new PromoteConfig(root, "exp-new", m,
                    List.of(interactions), TableFormat.PARQUET, io.rewind.jobs.evaluate.SplitSelection.EVAL, Gate.INTERVAL,
                    50, 1))));
        }
        List<String> decisions = new ArrayList<>();
        for (Future<JobSummary> f : results) {
            decisions.add((String) f.get().get("decision"));
        }
        pool.shutdown();
        decisions.sort(null);
        assertEquals(List.of("PROMOTED", "REJECTED"), decisions, "both finish, one wins");
        Registry registry = new Registry(SPARK, root);
        var runs = registry.table("runs");
        assertEquals(2, runs.filter(col("state").isin("PROMOTED", "REJECTED")).count(), "both are recorded");
        String winner = runs.filter(col("state").equalTo("PROMOTED")).first().getAs("inputs");
        assertTrue(winner.contains(registry.hosted("exp-new").orElseThrow()), "the winner is hosted: " + winner);
    }
}
