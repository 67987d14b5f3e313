package io.rewind.flink.collect;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs {@link JoinFunction} without Flink timers: window closes come from a {@link CloseSchedule} polled as the
 * watermark advances (rebuilt from the keyed state when the operator starts, so a restore loses none), and every
 * {@code sweepMillis} of event time one pass over the subtask's ids forgets emitted ids past their retention and
 * rejects rewards past their orphan limit (the function applies the same rules whenever an id is touched, so the
 * answer does not depend on when the sweep runs; the sweep only bounds memory). A timer per emitted id and per early
 * reward would each cost a registration and a removal in Flink's timer heap, which took a fifth of the join's time
 * with one timer per decision.
 */
public class JoinOperator extends KeyedCoProcessOperator<String, Event, Event, Joined> {
    private final long sweepMillis;
    private transient long nextSweep;
    private transient ValueStateDescriptor<Pending> descriptor;
    private transient CloseSchedule closes;
    private transient TimestampedCollector<Joined> collector;

    public JoinOperator(JoinFunction join, long sweepMillis) {
        super(join);
        this.sweepMillis = Math.max(1, sweepMillis);
    }

    @Override
    public void open() throws Exception {
        super.open();
        descriptor = JoinFunction.stateDescriptor();
        descriptor.initializeSerializerUnlessSet(getExecutionConfig());
        nextSweep = Long.MIN_VALUE;
        collector = new TimestampedCollector<>(output);
        closes = new CloseSchedule();
        ((JoinFunction) getUserFunction()).scheduleOn(closes);
        this.<String>getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                descriptor, (String key, ValueState<Pending> state) -> {
                    Pending p = state.value();
                    if (p != null && p.decision != null) {
                        closes.add(p.closeAt, key);
                    }
                });
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long now = mark.getTimestamp();
        JoinFunction join = (JoinFunction) getUserFunction();
        java.util.function.Consumer<Rejected> rejected = r -> output.collect(Parse.REJECTED, new StreamRecord<>(r));
        closes.pollUpTo(now, (key, millis) -> {
            setCurrentKey(key);
            collector.setAbsoluteTimestamp(millis);
            try {
                join.closeIfDue(millis, collector, rejected);
            } catch (Exception e) {
                throw new IllegalStateException("closing the window of " + key, e);
            }
        });
        super.processWatermark(mark);
        if (nextSweep == Long.MIN_VALUE && now != Long.MAX_VALUE) {
            nextSweep = now + sweepMillis;
            return;
        }
        if (now < nextSweep) {
            return;
        }
        nextSweep = now == Long.MAX_VALUE ? now : now + sweepMillis;
        this.<String>getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor,
                (String key, ValueState<Pending> state) -> {
                    Pending p = state.value();
                    if (p != null && join.current(p, now, rejected) == null) {
                        state.clear();
                    }
                });
    }
}
