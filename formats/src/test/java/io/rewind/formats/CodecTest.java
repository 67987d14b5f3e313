package io.rewind.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CodecTest {
    @Test
    void objectsAreEscapedByJackson() throws Exception {
        String path = "s3://bucket/a \"quoted\" \\ folder";
        String json = Json.objectOf("path", path, "n", 2, "state", java.util.Arrays.asList(1.0, null, Double.NaN));
        var tree = Json.tree(json);
        assertEquals(path, tree.get("path").asText());
        assertEquals(2, tree.get("n").asInt());
        assertTrue(tree.get("state").get(1).isNull());
        assertEquals("NaN", tree.get("state").get(2).asText());
        assertThrows(IllegalArgumentException.class, () -> Json.objectOf("odd"));
    }

    @Test
    void everySampleRowIsValidAndRoundTripsThroughJsonAndCsv() {
        for (TableSchema t : Tables.all()) {
            CsvCodec csv = new CsvCodec(t, CsvCodec.header(t));
            for (Object[] row : SampleRows.of(t)) {
                assertNull(Validator.of(t).check(row), t.name());
                assertArrayEquals(row, JsonCodec.decodeLine(t, JsonCodec.encodeLine(t, row)), t.name() + " json");
                assertArrayEquals(row, csv.decodeLine(CsvCodec.encodeLine(t, row)), t.name() + " csv");
            }
        }
    }

    @Test
    void typeErrorsNameTheField() {
        FieldException e = assertThrows(FieldException.class, () -> JsonCodec.decodeLine(Tables.REWARDS,
                "{\"event_id\":\"e\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"reward\":\"high\"}"));
        assertEquals("reward", e.field());
        assertTrue(e.getMessage().contains("expected a number"), e.getMessage());
        e = assertThrows(FieldException.class, () -> JsonCodec.decodeLine(Tables.REWARDS, "{\"event_id\": \"e\","));
        assertEquals("line", e.field());
        e = assertThrows(FieldException.class, () -> JsonCodec.decodeLine(Tables.REWARDS,
                "{\"event_id\":\"e\",\"timestamp\":\"yesterday\",\"reward\":1}"));
        assertEquals("timestamp", e.field());
    }

    @Test
    void epochNumbersAreReadInTheUnitTheirMagnitudeShowsAndImplausibleYearsAreRefused() {
        Instant t = Instant.parse("2026-01-01T00:00:00.123Z");
        assertEquals(t, Timestamps.fromEpoch("ts", 1767225600.123));
        assertEquals(t, Timestamps.fromEpoch("ts", 1767225600123.0), "milliseconds");
        assertEquals(t, Timestamps.fromEpoch("ts", 1767225600123000.0), "microseconds");
        assertEquals(t, Timestamps.fromEpoch("ts", 1767225600123000000.0), "nanoseconds");
        assertEquals(t, Timestamps.parse("ts", "1767225600123"), "milliseconds as text");
        Object[] row = JsonCodec.decodeLine(Tables.REWARDS,
                "{\"event_id\":\"e\",\"timestamp\":1767225600123,\"reward\":1}");
        assertEquals(t, row[Tables.REWARDS.indexOf("timestamp")]);
        for (String bad : new String[] {"+57971-01-01T00:00:00Z", "1800-01-01T00:00:00Z", "-1e10"}) {
            FieldException e = assertThrows(FieldException.class, () -> Timestamps.parse("ts", bad));
            assertTrue(e.getMessage().startsWith("ts: implausible timestamp"), e.getMessage());
        }
    }

    /** With a unit given, epoch numbers are read in it: milliseconds of 1971 (which AUTO reads as seconds). */
    @Test
    void aGivenTimestampUnitIsUsedInsteadOfTheMagnitude() {
        Instant t = Instant.parse("1971-01-07T00:00:00Z");
        double ms = t.toEpochMilli();
        FieldException auto = assertThrows(FieldException.class, () -> Timestamps.fromEpoch("ts", ms));
        assertTrue(auto.getMessage().contains("--timestamp-unit"), auto.getMessage());
        assertEquals(t, Timestamps.fromEpoch("ts", ms, TimestampUnit.MILLISECONDS));
        assertEquals(t, Timestamps.parse("ts", String.valueOf((long) ms), TimestampUnit.MILLISECONDS), "as text");
        assertEquals(t, Timestamps.fromEpoch("ts", ms * 1e3, TimestampUnit.MICROSECONDS));
        assertEquals(t, Timestamps.fromEpoch("ts", ms / 1e3, TimestampUnit.SECONDS));
        String line = "{\"event_id\":\"e\",\"timestamp\":" + (long) ms + ",\"reward\":1}";
        TableSchema inMs = Tables.REWARDS.withTimestampUnit(TimestampUnit.MILLISECONDS);
        assertEquals(t, JsonCodec.decodeLine(inMs, line)[inMs.indexOf("timestamp")], "the streaming decoder");
        assertEquals(t, JsonCodec.decodeTree(inMs, line)[inMs.indexOf("timestamp")], "the tree decoder");
        assertEquals(t.toEpochMilli() * 1000, JsonTimestamps.timestampMicros(line, "timestamp",
                TimestampUnit.MILLISECONDS), "the watermark's scan");
        assertEquals(Tables.REWARDS, inMs, "the same table");
        // seconds given where the log has milliseconds: the year 57971 is refused, not stored
        String now = "{\"event_id\":\"e\",\"timestamp\":1767225600000,\"reward\":1}";
        FieldException wrong = assertThrows(FieldException.class, () -> JsonCodec.decodeLine(
                Tables.REWARDS.withTimestampUnit(TimestampUnit.SECONDS), now));
        assertTrue(wrong.getMessage().startsWith("timestamp: implausible timestamp"), wrong.getMessage());
        assertEquals(TimestampUnit.NANOSECONDS, TimestampUnit.parse("ns"));
        assertThrows(IllegalArgumentException.class, () -> TimestampUnit.parse("minutes"));
    }

    @Test
    void timestampsAcceptIsoTextAndEpochSeconds() {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        assertEquals(t, Timestamps.parse("ts", "2026-11-20T10:00:00Z"));
        assertEquals(t, Timestamps.parse("ts", "2026-11-20T11:00:00+01:00"));
        assertEquals(t, Timestamps.parse("ts", "2026-11-20 10:00:00"));
        assertEquals(t, Timestamps.parse("ts", String.valueOf(t.getEpochSecond())));
        assertEquals("2026-11-20", Timestamps.date(t));
        assertEquals(10, Timestamps.hour(t));
    }

    @Test
    void seedEventIdsThatAre128BitIntegersBecomeStrings() {
        Object[] r = JsonCodec.decodeLine(Tables.REWARDS,
                "{\"event_id\": 340282366920938463463374607431768211455, \"timestamp\": 1.7e9, \"reward\": 1}");
        assertEquals("340282366920938463463374607431768211455", r[0]);
    }

    @Test
    void validatorRulesNameFieldAndRule() {
        Object[] ok = SampleRows.decisions().get(0);
        assertNull(Validator.of(Tables.DECISIONS).check(ok));
        assertEquals("action_prob: must be in (0, 1], was 1.5", check(ok, "action_prob", 1.5));
        assertEquals("action_prob: must be in (0, 1], was 0.0", check(ok, "action_prob", 0.0));
        assertEquals("event_id: missing", check(ok, "event_id", null));
        assertEquals("action: \"c\" is not one of the candidates", check(ok, "action", "c"));
        assertEquals("action_probs: sums to 0.75, not 1", check(ok, "action_probs", new double[] {0.5, 0.25}));
        assertEquals("context: entry 1 must be finite, was NaN", check(ok, "context", new double[] {1, Double.NaN}));
        assertEquals("sample_prob: must be in [0, 1], was 2.0", check(ok, "sample_prob", 2.0));
        assertEquals("actions[1].features: entry 0 is outside +-1.0E12, was 1.0E13 (rescale it)", check(ok, "actions",
                java.util.List.of(new Candidate("a", new double[] {1}), new Candidate("b", new double[] {1e13}))));
        assertEquals("context_sparse.user_7: must be finite, was NaN", check(ok, "context_sparse",
                java.util.Map.of("user_7", Double.NaN)));
        Object[] reward = SampleRows.rewards().get(0).clone();
        reward[2] = Double.POSITIVE_INFINITY;
        assertEquals("reward: must be finite, was Infinity", Validator.of(Tables.REWARDS).check(reward));
        Object[] step = SampleRows.episodes().get(0).clone();
        step[3] = 2;
        assertEquals("action: 2 is not an index into action_probs (2 actions)",
                Validator.of(Tables.EPISODES).check(step));
    }

    private static String check(Object[] row, String field, Object value) {
        Object[] copy = row.clone();
        copy[Tables.DECISIONS.indexOf(field)] = value;
        return Validator.of(Tables.DECISIONS).check(copy);
    }

    @Test
    void splitIsStableAndFollowsTheRatio() {
        assertEquals(Split.of("event-42", 0.8), Split.of("event-42", 0.8));
        int train = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            if (Split.TRAIN.equals(Split.of("ev-" + i, 0.8))) {
                train++;
            }
        }
        assertEquals(0.8, train / (double) n, 0.006);
        assertEquals(Split.TRAIN, Split.of("anything", 1.0));
        assertEquals(Split.EVAL, Split.of("anything", 0.0));
    }

    @Test
    void seedCsvLinesDecodeAsEpisodeSteps() {
        String header = "action,all_action_probabilities,episode_id,reward,cumulative_rewards,state_feature_0,"
                + "state_feature_1,state_feature_2,state_feature_3";
        SeedEpisodeCsv csv = new SeedEpisodeCsv(header);
        Object[] mid = csv.decodeLine("1,\"[0.5, 0.5]\",0,1.0,0.0,0.013696169,-0.02302133,-0.045902647,-0.048347235");
        assertEquals(0L, mid[0]);
        assertEquals(1, mid[3]);
        assertArrayEquals(new double[] {0.5, 0.5}, (double[]) mid[4]);
        assertArrayEquals(new double[] {0.013696169, -0.02302133, -0.045902647, -0.048347235}, (double[]) mid[2]);
        assertEquals(false, mid[6]);
        Object[] last = csv.decodeLine("1,\"[0.5, 0.5]\",0,1.0,9.0,0.08852518,0.7663717,-0.18160158,-1.4356627");
        assertEquals(true, last[6]);
        assertEquals("1,\"[0.5, 0.5]\",0,1.0,9.0,0.08852518,0.7663717,-0.18160158,-1.4356627",
                SeedEpisodeCsv.encodeLine(last, 9.0));
        assertEquals(header, SeedEpisodeCsv.header(4));
    }

    @Test
    void timestampIsReadFromALineWithoutDecodingTheRest() {
        String line = "{\"context\": {\"a\": [1, {\"timestamp\": 5}]}, \"timestamp\": \"2026-05-01T00:00:01.5Z\","
                + " \"event_id\": \"e\"}";
        Instant t = Instant.parse("2026-05-01T00:00:01.5Z");
        assertEquals(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000, JsonTimestamps.timestampMicros(line,
                "timestamp"), "the top-level field, not the nested one");
        Object[] full = JsonCodec.decodeLine(Tables.DECISIONS, "{\"event_id\": \"e\", \"timestamp\": 1777593600.25}");
        Instant decoded = (Instant) full[Tables.DECISIONS.indexOf("timestamp")];
        assertEquals(decoded.getEpochSecond() * 1_000_000L + decoded.getNano() / 1_000, JsonTimestamps.timestampMicros(
                "{\"event_id\": \"e\", \"timestamp\": 1777593600.25}", "timestamp"), "epoch seconds as the codec reads them");
        for (String bad : new String[] {"[1, 2]", "{\"event_id\": \"e\"}", "{\"timestamp\": \"yesterday\"}",
                "{\"timestamp\": [1]}", "{\"timestamp\": ", "", "{\"ts\": 1, \"timestamp\":}"}) {
            assertEquals(Long.MIN_VALUE, JsonTimestamps.timestampMicros(bad, "timestamp"), bad);
        }
        // the character scan and the parser agree, whatever comes before the field
        for (String good : new String[] {"{\"timestamp\":\"2026-05-01T00:00:01.5Z\"}",
                " { \"event_id\" : \"e\" , \"timestamp\" : \"2026-05-01T00:00:01.5Z\" } ",
                "{\"event_id\": \"a\\\"b\", \"timestamp\": \"2026-05-01T00:00:01.5Z\"}",
                "{\"model_id\": null, \"reward\": -1.5e0, \"timestamp\": \"2026-05-01T00:00:01.5Z\"}",
                "{\"x\": {\"timestamp\": 3}, \"timestamp\": \"2026-05-01T00:00:01.5Z\"}"}) {
            assertEquals(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000, JsonTimestamps.timestampMicros(good,
                    "timestamp"), good);
        }
    }
}
