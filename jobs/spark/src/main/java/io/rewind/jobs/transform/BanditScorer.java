package io.rewind.jobs.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.rewind.formats.Candidate;
import io.rewind.formats.Split;
import io.rewind.formats.Tables;
import io.rewind.formats.spark.SparkRows;
import io.rewind.formats.spark.SparkSchemas;
import io.rewind.rl.bandit.FeatureMap;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.bandit.SlateDecision;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bandit policies, the seeds' request format, one decision per row: {@code {"shared_context": [...] or null,
 * "actions_context": [[...], ...], "top_k": k, "user_id": ...}}. Without {@code actions_context} the candidates are
 * the model's fixed arms. Output: the ranked top-k candidate indices with their scores and per-slot probabilities,
 * the sampled first action with the probability it was sampled with, and a fresh {@code event_id}; plus the same
 * decision as a row of Rewind's decisions table (column {@code decision}), ready to be joined with rewards. The
 * random stream comes from the seed and the row's id, so partitioning does not change what is sampled.
 */
final class BanditScorer implements Scorer {
    private final ExecutorModels.Payload model;
    private final FeatureMap features;
    private final String modelId;
    private final long seed;
    private final long decidedAtMillis;

    /** One decision request. */
    record Request(double[] shared, List<Candidate> candidates, int topK, String userId) {
    }

    BanditScorer(ExecutorModels.Payload model, FeatureMap features, String modelId, long seed, Instant decidedAt) {
        this.model = model;
        this.features = features;
        this.modelId = modelId;
        this.seed = seed;
        this.decidedAtMillis = decidedAt.toEpochMilli();
    }

    @Override
    public StructType fields() {
        return new StructType().add("event_id", DataTypes.StringType).add("timestamp", DataTypes.TimestampType)
                .add("model_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
                .add("actions", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("action_probs", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("scores", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("action", DataTypes.IntegerType).add("action_prob", DataTypes.DoubleType)
                .add("sample_prob", DataTypes.DoubleType)
                .add("decision", SparkSchemas.of(Tables.DECISIONS));
    }

    @Override
    public Object fromJson(JsonNode n) {
        if (!n.isObject()) {
            throw new BadRow("request: expected a JSON object with shared_context, actions_context and top_k");
        }
        double[] shared = vector(n.get("shared_context"), "shared_context");
        JsonNode actions = n.get("actions_context");
        List<double[]> cands = null;
        if (actions != null && !actions.isNull()) {
            if (!actions.isArray()) {
                throw new BadRow("actions_context: expected an array of feature arrays");
            }
            cands = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                cands.add(vector(actions.get(i), "actions_context[" + i + "]"));
            }
        }
        JsonNode k = n.get("top_k");
        if (k != null && !k.isNull() && !k.canConvertToInt()) {
            throw new BadRow("top_k: not an integer");
        }
        JsonNode u = n.get("user_id");
        return request(shared, cands, k == null || k.isNull() ? 1 : k.asInt(),
                u == null || u.isNull() ? null : u.asText());
    }

    private static double[] vector(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new BadRow(field + ": expected an array of numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) {
                throw new BadRow(field + ": element " + i + " is not a finite number");
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    @Override
    public Object fromRow(Row r) {
        double[] shared = has(r, "shared_context") ? SparkRows.doubles(r.get(r.fieldIndex("shared_context"))) : null;
        List<double[]> cands = null;
        if (has(r, "actions_context")) {
            cands = new ArrayList<>();
            for (Object o : r.getList(r.fieldIndex("actions_context"))) {
                if (o == null) {
                    throw new BadRow("actions_context: a candidate without features");
                }
                cands.add(SparkRows.doubles(o));
            }
        }
        int k = has(r, "top_k") ? ((Number) r.get(r.fieldIndex("top_k"))).intValue() : 1;
        String user = has(r, "user_id") ? String.valueOf(r.get(r.fieldIndex("user_id"))) : null;
        return request(shared, cands, k, user);
    }

    private static boolean has(Row r, String field) {
        return java.util.Arrays.asList(r.schema().fieldNames()).contains(field) && !r.isNullAt(r.fieldIndex(field));
    }

    private Request request(double[] shared, List<double[]> actionFeatures, int topK, String user) {
        if ((shared == null ? 0 : shared.length) != features.contextDim() && !(shared == null
                && features.contextDim() == 0)) {
            throw new BadRow("shared_context: " + (shared == null ? "missing" : shared.length + " values")
                    + ", the model expects " + features.contextDim());
        }
        List<Candidate> cands = new ArrayList<>();
        if (actionFeatures == null) {
            if (features.knownArms().isEmpty()) {
                throw new BadRow("actions_context: missing, and the model has no fixed arms");
            }
            features.knownArms().forEach(a -> cands.add(new Candidate(a, null)));
        } else {
            for (int i = 0; i < actionFeatures.size(); i++) {
                double[] f = actionFeatures.get(i);
                if (f.length != features.actionDim()) {
                    throw new BadRow("actions_context[" + i + "]: " + f.length + " features, the model expects "
                            + features.actionDim());
                }
                cands.add(new Candidate(String.valueOf(i), f));
            }
        }
        if (cands.isEmpty()) {
            throw new BadRow("actions_context: no candidates");
        }
        if (topK < 1 || topK > cands.size()) {
            throw new BadRow("top_k: " + topK + " with " + cands.size() + " candidates");
        }
        return new Request(shared, cands, topK, user);
    }

    @Override
    public List<Object[]> score(List<Object> requests, List<String> rowIds) {
        LinearLearner learner = ExecutorModels.bandit(model);
        List<Object[]> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Request q = (Request) requests.get(i);
            String rowId = rowIds.get(i);
            SplittableRandom rng = new SplittableRandom(seed ^ Double.doubleToLongBits(Split.unitHash(rowId)));
            SlateDecision s = learner.decideSlate(q.shared(), q.candidates(), q.topK(), rng);
            double sample = rng.nextDouble();
            double[] all = learner.scores(q.shared(), q.candidates());
            int[] ranked = s.ranking();
            double[] scores = new double[ranked.length];
            String[] slate = new String[ranked.length];
            for (int j = 0; j < ranked.length; j++) {
                scores[j] = all[ranked[j]];
                slate[j] = q.candidates().get(ranked[j]).id();
            }
            String eventId = UUID.nameUUIDFromBytes((seed + "|" + model.key() + "|" + rowId)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            Timestamp at = new Timestamp(decidedAtMillis);
            Row decision = SparkRows.toRow(Tables.DECISIONS, Tables.DECISIONS.row("event_id", eventId,
                    "timestamp", Instant.ofEpochMilli(decidedAtMillis), "model_id", modelId, "user_id", q.userId(),
                    "context", q.shared(), "actions", q.candidates(), "action", slate[0], "action_prob",
                    s.slotProbabilities()[0], "slate", q.topK() > 1 ? slate : null, "slot_probs", q.topK() > 1
                    ? s.slotProbabilities() : null, "sample_prob", sample, "action_probs", s.firstSlot()));
            out.add(new Object[] {eventId, at, modelId, q.userId(), ranked, s.slotProbabilities(), scores,
                    ranked[0], s.slotProbabilities()[0], sample, decision});
        }
        return out;
    }
}
