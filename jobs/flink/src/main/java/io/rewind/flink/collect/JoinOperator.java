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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JoinOperator.class);
    /** How long the join may sit with waiting ids and no input before it says so (seconds; 0: never). */
    static final String IDLE_NOTICE_SECONDS = "rewind.collect.idle-notice-seconds";

    private transient Agenda agenda;
    private transient TimestampedCollector<Joined> collector;
    private transient long watermark = Long.MIN_VALUE;
    private transient long checkedWatermark = Long.MIN_VALUE;
    private transient long checkedEvents = -1;
    private transient boolean noticed;

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
        long seconds = Long.getLong(IDLE_NOTICE_SECONDS, 30);
        if (seconds > 0) {
            scheduleIdleCheck(seconds * 1000);
        }
    }

    private void scheduleIdleCheck(long every) {
        var time = getProcessingTimeService();
        time.registerTimer(time.getCurrentProcessingTime() + every, t -> {
            checkIdle();
            scheduleIdleCheck(every);
        });
    }

    /**
     * Says once, when ids wait and neither input nor the watermark has moved since the last check, why nothing is
     * committed: the watermark moves only with newer events (a monitored folder with no new files, a quiet topic).
     */
    void checkIdle() {
        long events = ((JoinFunction) getUserFunction()).eventsIn();
        Long first = agenda.firstWaiting();
        boolean idle = first != null && events == checkedEvents && watermark == checkedWatermark;
        if (idle && !noticed) {
            LOG.info("collect[{}]: waiting for newer data: about {} ids wait for the watermark ({}) to pass {} (a"
                    + " reward window's close or an orphan limit), and it moves only when newer events arrive. A"
                    + " monitored folder with no new files keeps them waiting; to backfill finished files, run with"
                    + " --bounded", getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), agenda.waiting(),
                    watermark == Long.MIN_VALUE ? "none yet" : java.time.Instant.ofEpochMilli(watermark),
                    java.time.Instant.ofEpochMilli(first));
        }
        noticed = idle;
        checkedEvents = events;
        checkedWatermark = watermark;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long now = mark.getTimestamp();
        watermark = now;
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
