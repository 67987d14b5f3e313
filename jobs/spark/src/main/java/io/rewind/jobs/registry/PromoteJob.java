package io.rewind.jobs.registry;

import io.rewind.formats.Json;
import io.rewind.jobs.JobSummary;
import io.rewind.jobs.evaluate.BanditEstimation;
import io.rewind.jobs.evaluate.BanditEstimator;
import io.rewind.jobs.evaluate.BanditEvaluation;
import io.rewind.jobs.evaluate.BanditEvaluationConfig;
import io.rewind.jobs.evaluate.EvaluationInput;
import io.rewind.jobs.evaluate.Intervals;
import io.rewind.jobs.evaluate.PolicySource;
import io.rewind.jobs.evaluate.SplitSelection;
import io.rewind.jobs.evaluate.EvaluationReport;
import io.rewind.ope.Estimate;
import io.rewind.rl.bandit.BanditModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code rewind promote}: evaluates a candidate bandit model against the experiment's hosted model on the eval split
 * of joined data (doubly robust, with the difference's interval computed on the same rows) and makes it the hosted
 * model only when the gate holds. The first model of an experiment is evaluated against the logged policy and
 * promoted. Every decision is a run in the registry with its numbers; a promotion that loses a race to another is
 * rejected, never half-applied.
 */
public final class PromoteJob {
    private PromoteJob() {
    }

    public static JobSummary run(SparkSession spark, PromoteConfig c) {
        Registry registry = new Registry(spark, c.registry());
        String candidateId = modelId(c.candidate());
        String provenance;
        try {
            provenance = Json.WRITER.writeValueAsString(BanditModel.load(Path.of(c.candidate())).provenance());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the candidate model " + c.candidate() + ": "
                    + e.getMessage(), e);
        }
        registry.registerModel(candidateId, c.experiment(), Path.of(c.candidate()).toAbsolutePath().toString(),
                "bandit", provenance);
        String runId = registry.startRun(c.experiment(), "promote", Json.objectOf("candidate", candidateId,
                "data", String.join(",", c.data())));
        JobSummary summary = new JobSummary("promote").put("experiment", c.experiment())
                .put("candidate", candidateId).put("run_id", runId);
        try {
            Optional<String> hosted = registry.hosted(c.experiment());
            Map<String, Double> metrics = new LinkedHashMap<>();
            boolean pass;
            String reason;
            if (hosted.isEmpty()) {
                EvaluationReport r = evaluate(spark, c, null);
                Estimate dr = dr(r.target());
                metrics.put("candidate_dr", dr.value());
                metrics.put("candidate_dr_lower", dr.normal().lower());
                metrics.put("candidate_dr_upper", dr.normal().upper());
                metrics.put("logged_value", r.logged().value());
                pass = true;
                reason = "first model of the experiment (evaluated against the logged policy)";
            } else if (hosted.get().equals(candidateId)) {
                pass = false;
                reason = "the candidate is already the hosted model";
            } else {
                String hostedPath = registry.model(hosted.get()).map(m -> m.getString(m.fieldIndex("path")))
                        .orElseThrow(() -> new IllegalStateException("hosted model " + hosted.get()
                                + " is not in the registry"));
                EvaluationReport r = evaluate(spark, c, hostedPath);
                Estimate cand = dr(r.target());
                Estimate inc = dr(r.incumbent());
                Estimate diff = dr(r.difference());
                metrics.put("candidate_dr", cand.value());
                metrics.put("hosted_dr", inc.value());
                metrics.put("difference_dr", diff.value());
                metrics.put("difference_dr_lower", diff.normal().lower());
                metrics.put("difference_dr_upper", diff.normal().upper());
                metrics.put("logged_value", r.logged().value());
                pass = c.gate().passes(cand, inc, diff);
                reason = c.gate().reason(cand, inc, diff);
            }
            boolean promoted = false;
            Map<String, ModelState> states = new LinkedHashMap<>(); // after the commit point, in one transaction
            if (pass) {
                if (registry.compareAndSetHosted(c.experiment(), hosted.orElse(null), candidateId)) {
                    promoted = true;
                    hosted.ifPresent(h -> states.put(h, ModelState.RETIRED));
                } else {
                    reason = reason + "; but another promotion changed the hosted model first";
                }
            }
            if (!hosted.map(candidateId::equals).orElse(false)) { // a hosted candidate stays PROMOTED
                states.put(candidateId, promoted ? ModelState.PROMOTED : ModelState.REJECTED);
            }
            registry.setModelStates(states);
            RunState state = promoted ? RunState.PROMOTED : RunState.REJECTED;
            String m = Json.WRITER.writeValueAsString(metrics);
            Optional<String> hostedNow = promoted ? Optional.of(candidateId) : registry.hosted(c.experiment());
            registry.finishRun(runId, state, Json.objectOf("hosted", hostedNow.orElse("")), m, reason);
            metrics.forEach((k, v) -> summary.put(k, JobSummary.round(v, 4)));
            return summary.put("decision", state.name()).put("reason", reason)
                    .put("hosted", hostedNow.orElse("none"));
        } catch (RuntimeException | IOException e) {
            registry.finishRun(runId, RunState.FAILED, null, null, String.valueOf(e.getMessage()));
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    static EvaluationReport evaluate(SparkSession spark, PromoteConfig c, String hostedPath) {
        return BanditEvaluation.run(spark, BanditEvaluationConfig.of(new EvaluationInput(c.data(), c.dataFormat(),
                        EvaluationInput.DEFAULT_MAX_BAD_FRACTION), PolicySource.model(c.candidate()))
                .withSplit(c.split(), false)
                .withIncumbent(PolicySource.model(hostedPath))
                .withEstimation(GATE_ESTIMATION)
                .withIntervals(new Intervals(c.replicates(), 0.95, c.seed())));
    }

    /** Promotion gates on DR alone. */
    private static final BanditEstimation GATE_ESTIMATION = BanditEstimation.DEFAULTS.withEstimators(
            BanditEstimator.DR);

    /** The DR estimate, by the name DR reports: not SNDR, Switch-DR or DRos. */
    private static Estimate dr(List<Estimate> estimates) {
        String name = BanditEstimator.DR.reportedName(GATE_ESTIMATION);
        return estimates.stream().filter(e -> e.estimator().equals(name) || e.estimator().equals(name + " difference"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no DR estimate in " + estimates));
    }

    /** A model's id: a hash of its file, so registering the same model twice gives the same id. */
    static String modelId(String path) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of(path));
            var md = java.security.MessageDigest.getInstance("SHA-256");
            return "m-" + java.util.HexFormat.of().formatHex(md.digest(bytes)).substring(0, 12);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the model " + path + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
