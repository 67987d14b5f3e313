package io.rewind.flink.collect;

/** A decision with the outcome of its reward window: the reward used (or the default) and how it was made. */
public class Joined {
    public String eventId;
    /** The decision's values ({@link DecisionValues}). */
    public byte[] decisionValues;
    public boolean observed;
    public double reward;
    public int count;
    /** The JSON of the reward whose timestamp and slate feedback are used, or null. */
    public String rewardJson;
    /** That reward's timestamp, epoch microseconds. */
    public long rewardTimestampMicros;

    public Joined() {
    }

    public Joined(String eventId, byte[] decisionValues, boolean observed, double reward, int count, String rewardJson,
                  long rewardTimestampMicros) {
        this.eventId = eventId;
        this.decisionValues = decisionValues;
        this.observed = observed;
        this.reward = reward;
        this.count = count;
        this.rewardJson = rewardJson;
        this.rewardTimestampMicros = rewardTimestampMicros;
    }
}
