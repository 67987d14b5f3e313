package io.rewind.jobs.evaluate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rewind.formats.TableFormat;
import io.rewind.formats.spark.LocalSpark;
import io.rewind.jobs.LoggedInteractions;
import io.rewind.jobs.join.Interactions;
import io.rewind.ope.Estimate;
import io.rewind.rl.sim.LoggedBanditSimulator;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate bandit} counts the vectors' lengths in the job that fills its cache rather than in a pass of its
 * own: the reports equal those of the read that applies the rule of one length per field first, whether the lengths
 * agree or one row's context is longer than the others' (that row unusable either way).
 */
class VectorLengthsEvaluationTest {
    static final SparkSession SPARK = LocalSpark.forTests();

    @TempDir
    static Path dir;
    static String interactions;
    static String target;

    @BeforeAll
    static void logAndJoin() {
        interactions = LoggedInteractions.write(SPARK, dir);
        target = TargetTables.onTrueClass(SPARK, new LoggedBanditSimulator(LoggedInteractions.SIM), interactions,
                dir.resolve("target"), 0.2, 1.0);
    }

    static BanditEvaluationConfig config(String data) {
        return BanditEvaluationConfig.of(new EvaluationInput(List.of(data), TableFormat.PARQUET, 0.01),
                PolicySource.table(target, TableFormat.JSONL));
    }

    static EvaluationReport ruleFirst(BanditEvaluationConfig c) {
        return BanditEvaluation.evaluate(SPARK, c, Interactions.readOnce(SPARK, c.input().paths(),
                TableFormat.PARQUET, null), false).orElseThrow();
    }

    @Test
    void lengthsThatAgreeGiveTheSameReport() {
        BanditEvaluationConfig c = config(interactions);
        EvaluationReport counted = BanditEvaluation.run(SPARK, c);
        assertEquals(0, counted.unusable());
        assertSame(ruleFirst(c), counted);
    }

    @Test
    void aLongerContextIsUnusableEitherWay() {
        Dataset<Row> rows = SPARK.read().parquet(interactions);
        String first = rows.select("event_id").orderBy("event_id").first().getString(0);
        String longer = dir.resolve("longer").toString();
        rows.withColumn("context", when(col("event_id").equalTo(first), concat(col("context"), array(lit(0.0))))
                .otherwise(col("context"))).write().parquet(longer);
        BanditEvaluationConfig c = config(longer);
        EvaluationReport counted = BanditEvaluation.run(SPARK, c);
        assertEquals(1, counted.unusable());
        assertEquals(LoggedInteractions.SIM.rows(), counted.rowsIn());
        assertSame(ruleFirst(c), counted);
    }

    static void assertSame(EvaluationReport expected, EvaluationReport actual) {
        assertEquals(expected.rowsIn(), actual.rowsIn());
        assertEquals(expected.rowsUsed(), actual.rowsUsed());
        assertEquals(expected.unusable(), actual.unusable());
        assertEquals(expected.target().size(), actual.target().size());
        for (int i = 0; i < expected.target().size(); i++) {
            Estimate e = expected.target().get(i);
            Estimate a = actual.target().get(i);
            assertEquals(e.estimator(), a.estimator());
            assertEquals(e.value(), a.value(), 1e-12, e.estimator());
            assertEquals(e.bootstrap().lower(), a.bootstrap().lower(), 1e-12, e.estimator());
        }
    }
}
