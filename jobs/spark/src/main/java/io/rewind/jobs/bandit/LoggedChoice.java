package io.rewind.jobs.bandit;

import io.rewind.formats.Candidate;
import io.rewind.formats.Split;
import io.rewind.formats.spark.SparkRows;
import java.util.List;
import org.apache.spark.sql.Row;

/** One logged interaction as the learners read it, taken from an interactions row by column name. */
record LoggedChoice(String eventId, double[] context, List<Candidate> candidates, int chosen, double probability,
                    double reward) {
    /** The key bagging draws the round's bootstrap weights from, the same wherever the row is learned. */
    long roundKey() {
        return Split.hash64(eventId);
    }

    static LoggedChoice of(Row r) {
        int context = r.fieldIndex("context");
        List<Candidate> candidates = SparkRows.candidates(r.get(r.fieldIndex("actions")));
        return new LoggedChoice(r.getAs("event_id"), r.isNullAt(context) ? null : SparkRows.doubles(r.get(context)),
                candidates, TrainBanditJob.indexOf(candidates, r.getAs("action")), r.getAs("action_prob"),
                r.getAs("reward"));
    }
}
