package io.rewind.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code List<Candidate>}: candidate actions, each an id or {@code {"id": ..., "features": [...]}}. */
enum CandidatesCodec implements FieldCodec {
    INSTANCE;

    public String sqlName() {
        return "array<struct<id:string,features:array<double>>>";
    }

    public Object fromJson(String field, JsonNode v, boolean scalarsAsText, TimestampUnit unit) {
        ArrayNode a = JsonTrees.array(field, v);
        List<Candidate> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode c = a.get(i);
            String at = field + "[" + i + "]";
            if (c.isTextual() || c.isIntegralNumber()) {
                out.add(new Candidate((String) StringCodec.INSTANCE.fromJson(at, c, false, unit), null));
            } else if (c.isObject()) {
                JsonNode id = c.get("id");
                if (id == null || id.isNull()) {
                    throw new FieldException(at + ".id", "missing");
                }
                JsonNode feats = c.get("features");
                out.add(new Candidate((String) StringCodec.INSTANCE.fromJson(at + ".id", id, false, unit),
                        feats == null || feats.isNull() ? null
                                : (double[]) DoubleArrayCodec.INSTANCE.fromJson(at + ".features", feats, false, unit)));
            } else {
                throw new FieldException(at, "expected {\"id\": ..., \"features\": [...]}, got "
                        + JsonTrees.describe(c));
            }
        }
        return out;
    }

    public Object fromStream(JsonParser p, String field, TimestampUnit unit) throws IOException, UnsureValue {
        JsonTokens.expect(p, JsonToken.START_ARRAY);
        List<Candidate> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(candidate(p, field, unit));
        }
        return out;
    }

    private static Candidate candidate(JsonParser p, String field, TimestampUnit unit)
            throws IOException, UnsureValue {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return new Candidate(JsonTokens.string(p), null);
        }
        String id = null;
        double[] features = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("id")) {
                id = t == JsonToken.VALUE_NULL ? null : JsonTokens.string(p);
            } else if (name.equals("features")) {
                features = t == JsonToken.VALUE_NULL ? null
                        : (double[]) DoubleArrayCodec.INSTANCE.fromStream(p, field, unit);
            } else {
                p.skipChildren();
            }
        }
        if (id == null) {
            throw UnsureValue.INSTANCE;
        }
        return new Candidate(id, features);
    }

    @SuppressWarnings("unchecked")
    public JsonNode toJson(Object v) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Candidate c : (List<Candidate>) v) {
            ObjectNode o = a.addObject();
            o.put("id", c.id());
            if (c.features() != null) {
                o.set("features", DoubleArrayCodec.INSTANCE.toJson(c.features()));
            }
        }
        return a;
    }
}
