package io.rewind.flink.collect;

import java.util.function.Consumer;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs {@link JoinFunction} without Flink timers: the times at which an id needs another look (its window's close,
 * its rewards' orphan limit, the end of its retention) go on an {@link Agenda}, polled as the watermark advances
 * and rebuilt from the keyed state when the operator starts, so a restore loses none. A Flink timer per decision
 * took a fifth of the join's time in its heap, and a periodic pass over all ids to forget the emitted ones another
 * sixth.
 */
public class JoinOperator extends KeyedCoProcessOperator<String, Event, Event, Joined> {
    private transient Agenda agenda;
    private transient TimestampedCollector<Joined> collector;

    public JoinOperator(JoinFunction join) {
        super(join);
    }

    @Override
    public void open() throws Exception {
        super.open();
        ValueStateDescriptor<Pending> descriptor = JoinFunction.stateDescriptor();
        descriptor.initializeSerializerUnlessSet(getExecutionConfig());
        collector = new TimestampedCollector<>(output);
        agenda = new Agenda();
        ((JoinFunction) getUserFunction()).scheduleOn(agenda);
        this.<String>getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                descriptor, (String key, ValueState<Pending> state) -> {
                    Pending p = state.value();
                    if (p == null) {
                        return;
                    }
                    if (p.decision != null) {
                        agenda.add(p.closeAt, key);
                    } else if (p.emitted()) {
                        agenda.add(p.emittedUntil, key);
                    } else if (p.orphanAt != Pending.NONE) {
                        agenda.add(p.orphanAt, key);
                    }
                });
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long now = mark.getTimestamp();
        JoinFunction join = (JoinFunction) getUserFunction();
        Consumer<Rejected> rejected = r -> output.collect(Parse.REJECTED, new StreamRecord<>(r));
        agenda.pollUpTo(now, (key, millis) -> {
            setCurrentKey(key);
            collector.setAbsoluteTimestamp(millis);
            try {
                join.due(key, millis, now, collector, rejected);
            } catch (Exception e) {
                throw new IllegalStateException("the join's agenda for " + key + " at " + millis, e);
            }
        });
        super.processWatermark(mark);
    }
}
