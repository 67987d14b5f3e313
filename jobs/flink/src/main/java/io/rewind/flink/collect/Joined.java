package io.rewind.flink.collect;

/** A decision with the outcome of its reward window: the reward used (or the default) and how it was made. */
public class Joined {
    public String eventId;
    /** The decision's values ({@link CompactRow} of the decisions table). */
    public byte[] decisionValues;
    public boolean observed;
    public double reward;
    public int count;
    /** The values of the reward whose timestamp and feedback are used, when it has slate feedback; else null. */
    public byte[] rewardValues;
    /** That reward's timestamp, epoch microseconds (when observed). */
    public long rewardTimestampMicros;

    public Joined() {
    }

    public Joined(String eventId, byte[] decisionValues, boolean observed, double reward, int count,
                  byte[] rewardValues, long rewardTimestampMicros) {
        this.eventId = eventId;
        this.decisionValues = decisionValues;
        this.observed = observed;
        this.reward = reward;
        this.count = count;
        this.rewardValues = rewardValues;
        this.rewardTimestampMicros = rewardTimestampMicros;
    }
}
