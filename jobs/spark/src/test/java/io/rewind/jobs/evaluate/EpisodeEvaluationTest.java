package io.rewind.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.ope.Estimate;
import io.rewind.ope.Estimator;
import io.rewind.ope.Evaluation;
import io.rewind.ope.sequential.EpisodeSample;
import io.rewind.ope.sequential.PerDecisionIs;
import io.rewind.ope.sequential.WeightedIs;
import io.rewind.ope.sequential.WeightedPerDecisionIs;
import io.rewind.ope.synthetic.ChainMdp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Episodes of a chain MDP with a known value, evaluated on Spark from an episodes table with a target column. */
class EpisodeEvaluationTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    Path dir;

    @Test
    void sparkEpisodesMatchInMemoryAndCoverTheTruth() {
        ChainMdp mdp = new ChainMdp(7, 20, 0.1, 0.95);
        List<Row> rows = new ArrayList<>();
        for (ChainMdp.Step s : mdp.log(1500, 0.5, 11)) {
            rows.add(RowFactory.create((long) s.episode(), s.t(), new double[] {s.state()}, s.action(),
                    new double[] {0.5, 0.5}, s.reward(), s.done(), new double[] {0.2, 0.8}));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("episode_id", DataTypes.LongType, false),
                DataTypes.createStructField("step", DataTypes.IntegerType, false),
                DataTypes.createStructField("state", DataTypes.createArrayType(DataTypes.DoubleType), false),
                DataTypes.createStructField("action", DataTypes.IntegerType, false),
                DataTypes.createStructField("action_probs", DataTypes.createArrayType(DataTypes.DoubleType), false),
                DataTypes.createStructField("reward", DataTypes.DoubleType, false),
                DataTypes.createStructField("done", DataTypes.BooleanType, false),
                DataTypes.createStructField("target_probs", DataTypes.createArrayType(DataTypes.DoubleType), false)));
        String path = dir.resolve("episodes").toString();
        SPARK.createDataFrame(rows, schema).repartition(3).write().parquet(path);

        EvaluationReport r = EpisodeEvaluation.run(SPARK, EpisodeEvaluationConfig.ofColumn(
                EvaluationInput.of(path, TableFormat.PARQUET), "target_probs").with(0.95, 30, new Intervals(200, 0.95, 3)));
        assertEquals(1500, r.samples());
        assertEquals(0, r.unusable());
        assertEquals(r.rowsIn(), r.rowsUsed());

        List<Estimator<EpisodeSample>> estimators = List.of(new PerDecisionIs(0.95), new WeightedPerDecisionIs(0.95,
                20), new WeightedIs(0.95));
        Evaluation<EpisodeSample> memory = new Evaluation<>(estimators, 0, 3, Double.POSITIVE_INFINITY);
        mdp.episodes(1500, 0.5, 0.8, 0, 11).forEach(memory::add);
        double truth = mdp.value(0.8);
        for (int i = 0; i < estimators.size(); i++) {
            Estimate e = r.target().get(i);
            assertEquals(estimators.get(i).estimate(memory.stats(i)), e.value(), 1e-9, e.estimator());
            if (e.estimator().equals("WPDIS")) {
                // normalising at every step trades a finite-sample bias for variance
                assertEquals(truth, e.value(), 0.05, e.toString());
            } else {
                assertTrue(e.bootstrap().contains(truth), e + " truth " + truth);
            }
        }
        List<String> names = r.target().stream().map(Estimate::estimator).toList();
        assertEquals(List.of("PDIS", "WPDIS", "WIS", "SDR", "WDR", "DM"), names);
        // SDR, WDR and DM from fitted Q evaluation on Spark equal the in-memory FittedQEvaluation's on the same steps
        List<ChainMdp.Step> logged = mdp.log(1500, 0.5, 11);
        List<io.rewind.ope.sequential.FittedQEvaluation.Transition> transitions = new ArrayList<>();
        for (int i = 0; i < logged.size(); i++) {
            ChainMdp.Step s = logged.get(i);
            boolean last = i + 1 == logged.size() || logged.get(i + 1).episode() != s.episode();
            transitions.add(new io.rewind.ope.sequential.FittedQEvaluation.Transition(new double[] {s.state()},
                    s.action(), s.reward(), last ? null : new double[] {logged.get(i + 1).state()},
                    last ? null : new double[] {0.2, 0.8}));
        }
        var fqe = io.rewind.ope.sequential.FittedQEvaluation.fit(transitions, 2,
                io.rewind.ope.sequential.FittedQEvaluation::linear, 0.95, 30, 1e-3);
        List<Estimator<EpisodeSample>> withModel = List.of(new io.rewind.ope.sequential.SequentialDoublyRobust(0.95),
                new io.rewind.ope.sequential.WeightedDoublyRobust(0.95, 20),
                new io.rewind.ope.sequential.SequentialDirectMethod());
        Evaluation<EpisodeSample> modelMemory = new Evaluation<>(withModel, 0, 3, Double.POSITIVE_INFINITY);
        List<double[]> episode = new ArrayList<>();
        for (int i = 0; i < logged.size(); i++) {
            ChainMdp.Step s = logged.get(i);
            double[] state = {s.state()};
            episode.add(new double[] {s.reward(), (s.action() == 1 ? 0.8 : 0.2) / 0.5, fqe.q(state, s.action()),
                    fqe.value(state, new double[] {0.2, 0.8})});
            if (i + 1 == logged.size() || logged.get(i + 1).episode() != s.episode()) {
                modelMemory.add(EpisodeSample.fromSteps(s.episode(), episode));
                episode.clear();
            }
        }
        for (int i = 0; i < withModel.size(); i++) {
            assertEquals(withModel.get(i).estimate(modelMemory.stats(i)), r.target().get(3 + i).value(), 1e-6,
                    r.target().get(3 + i).estimator());
        }
        Estimate sdr = r.target().get(3);
        // a linear value model on the state index is a poor model of the chain; SDR corrects it
        assertTrue(sdr.bootstrap().contains(truth), sdr + " truth " + truth);
    }
}
