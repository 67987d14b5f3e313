package io.rewind.ope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rewind.formats.spark.LocalSpark;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.ope.reward.CrossFittedGlm;
import io.rewind.ope.reward.GlmStatistics;
import io.rewind.ope.reward.Link;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The reward model fitted on Spark scores every candidate as the same cross-fitted GLM fitted in memory on the same
 * rows does, for fixed arms and for actions with features, and binary rewards get the logistic link.
 */
class GlmRewardModelTest {
    static final SparkSession SPARK = LocalSpark.forTests();
    static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType, false)
            .add("context", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add("actions", DataTypes.createArrayType(SparkSchemas.CANDIDATE, false), false)
            .add("action", DataTypes.StringType, false)
            .add("reward", DataTypes.DoubleType, false);

    record Logged(String id, double[] x, String[] arms, double[][] features, int chosen, double reward) {
    }

    static List<Logged> generate(int n, boolean parametric, boolean binary, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Logged> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = {r.nextDouble() * 2 - 1, r.nextDouble() * 2 - 1};
            String[] arms = {"a", "b", "c", "d"};
            double[][] f = new double[4][];
            for (int a = 0; a < 4; a++) {
                f[a] = parametric ? new double[] {r.nextDouble(), a % 2} : null;
            }
            int chosen = r.nextInt(4);
            double eta = 0.5 * x[0] - x[1] + (parametric ? 2 * f[chosen][0] * x[0] - f[chosen][1] : chosen - 1.5);
            double p = 1 / (1 + Math.exp(-eta));
            double reward = binary ? (r.nextDouble() < p ? 1 : 0) : p + r.nextGaussian() * 0.1;
            out.add(new Logged("e" + i, x, arms, f, chosen, reward));
        }
        return out;
    }

    static Row row(Logged l) {
        List<Row> candidates = new ArrayList<>();
        for (int a = 0; a < l.arms().length; a++) {
            candidates.add(RowFactory.create(l.arms()[a], l.features()[a] == null ? null
                    : Arrays.stream(l.features()[a]).boxed().toList()));
        }
        return RowFactory.create(l.id(), Arrays.stream(l.x()).boxed().toList(), candidates, l.arms()[l.chosen()],
                l.reward());
    }

    static void check(boolean parametric, boolean binary) {
        List<Logged> data = generate(3_000, parametric, binary, parametric ? 1 : 2);
        List<Row> rows = GlmRewardModel.withQ(SPARK.createDataFrame(data.stream().map(GlmRewardModelTest::row)
                        .toList(), SCHEMA).repartition(3), parametric, 3, GlmRewardModel.Kind.GLM, 1.0)
                .select("event_id", "q").collectAsList();
        int dim = parametric ? 1 + 2 + 2 + 4 : 3;
        CrossFittedGlm memory = CrossFittedGlm.fit(binary ? Link.LOGISTIC : Link.IDENTITY, 1.0, 3, dim, 25, 1e-10,
                m -> {
                    GlmStatistics s = m.newStatistics();
                    for (Logged l : data) {
                        s.add(GlmRewardModel.fold(l.id(), 3), key(l, l.chosen(), parametric), z(l, l.chosen(),
                                parametric), l.reward());
                    }
                    return s;
                });
        Map<String, Logged> byId = new HashMap<>();
        data.forEach(l -> byId.put(l.id(), l));
        double worst = 0;
        for (Row r : rows) {
            Logged l = byId.get(r.getString(0));
            List<Double> q = r.getList(1);
            for (int a = 0; a < 4; a++) {
                double expected = memory.predict(GlmRewardModel.fold(l.id(), 3), key(l, a, parametric),
                        z(l, a, parametric));
                worst = Math.max(worst, Math.abs(expected - q.get(a)));
            }
        }
        assertEquals(data.size(), rows.size());
        assertTrue(worst < 1e-6, "largest difference from the in-memory fit: " + worst);
        if (binary) {
            assertTrue(rows.stream().allMatch(r -> r.<Double>getList(1).stream().allMatch(q -> q > 0 && q < 1)),
                    "logistic predictions are probabilities");
        }
    }

    static String key(Logged l, int arm, boolean parametric) {
        return parametric ? "" : l.arms()[arm];
    }

    static double[] z(Logged l, int arm, boolean parametric) {
        return parametric ? GlmRewardModel.features(l.x(), l.features()[arm]) : GlmRewardModel.withIntercept(l.x());
    }

    @Test
    void noRowsIsRefusedWithAMessage() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GlmRewardModel.withQ(SPARK.createDataFrame(List.<Row>of(), SCHEMA), false, 3,
                        GlmRewardModel.Kind.GLM, 1.0));
        assertEquals("reward model: no usable rows to fit it on", e.getMessage());
    }

    @Test
    void fixedArmsWithBinaryRewards() {
        check(false, true);
    }

    @Test
    void actionsWithFeaturesAndRealRewards() {
        check(true, false);
    }

    @Test
    void actionsWithFeaturesAndBinaryRewards() {
        check(true, true);
    }
}
