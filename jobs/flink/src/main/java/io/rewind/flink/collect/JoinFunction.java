package io.rewind.flink.collect;

import io.rewind.formats.JoinRules;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The event-time join of decisions and rewards by {@code event_id}, with {@code rewind join}'s rules: a decision
 * waits until the watermark passes its timestamp plus the window, then leaves with the rewards inside the window
 * (first, last or sum) or the default reward; rewards after the window are late; a reward that comes before its
 * decision waits for it up to {@code orphanAfterMillis} of event time, then is an orphan; a second decision with
 * the same id is a duplicate (the earlier, by timestamp, is kept while both are waiting). An emitted id is
 * remembered for {@code retainMillis} so later copies and late rewards are still recognised. Run it through
 * {@link JoinOperator}, which brings each id up again at the times on its {@link Agenda}.
 */
public class JoinFunction extends KeyedCoProcessFunction<String, Event, Event, Joined> {
    private final JoinRules rules;
    private final long orphanAfterMillis;
    private final long retainMillis;

    private transient ValueState<Pending> state;
    private transient Agenda agenda;
    private transient Counter joined;
    private transient Counter defaulted;
    private transient Counter late;
    private transient Counter orphaned;
    private transient Counter duplicates;
    private transient Counter decisionsIn;
    private transient Counter rewardsIn;
    private transient long lastLog;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JoinFunction.class);

    public JoinFunction(JoinRules rules, long orphanAfterMillis, long retainMillis) {
        this.rules = rules;
        this.orphanAfterMillis = orphanAfterMillis;
        this.retainMillis = retainMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(stateDescriptor());
        var m = getRuntimeContext().getMetricGroup();
        joined = m.counter("joined");
        defaulted = m.counter("defaulted");
        late = m.counter("late");
        orphaned = m.counter("orphaned");
        duplicates = m.counter("duplicate_decisions");
        decisionsIn = m.counter("join_decisions_in");
        rewardsIn = m.counter("join_rewards_in");
    }

    /** Where the times to look at an id again go; {@link JoinOperator} polls it as the watermark advances. */
    void scheduleOn(Agenda agenda) {
        this.agenda = agenda;
    }

    /** The one state of an id (the same descriptor lets {@link JoinOperator} rebuild its agenda). */
    static ValueStateDescriptor<Pending> stateDescriptor() {
        return new ValueStateDescriptor<>("pending", Pending.class);
    }

    /** Decisions and rewards this subtask has taken in. */
    long eventsIn() {
        return decisionsIn.getCount() + rewardsIn.getCount();
    }

    /** Every 10 seconds of wall time, one line with this subtask's counts. */
    private void maybeLog() {
        long now = System.currentTimeMillis();
        if (now - lastLog >= 10_000) {
            lastLog = now;
            LOG.info("collect[{}]: decisions {} rewards {} joined {} defaulted {} late {} orphaned {} duplicates {}",
                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), decisionsIn.getCount(),
                    rewardsIn.getCount(), joined.getCount(), defaulted.getCount(), late.getCount(),
                    orphaned.getCount(), duplicates.getCount());
        }
    }

    private long deadlineMicros(Event d) {
        return d.timestampMicros + rules.window().toNanos() / 1000;
    }

    private static long ceilMillis(long micros) {
        return Math.floorDiv(micros + 999, 1000);
    }

    /**
     * The id's state as of the watermark: an emitted id past its retention is forgotten; rewards whose decision
     * did not come before their orphan limit are rejected as orphans. {@link #due} does the same for ids that see
     * no more events, so the answer does not depend on whether an id is touched again.
     */
    Pending current(Pending p, long watermark, Consumer<Rejected> rejected) {
        if (p == null) {
            return null;
        }
        if (p.emitted() && p.emittedUntil <= watermark) {
            return null;
        }
        if (p.decision == null && p.orphanAt != Pending.NONE && p.orphanAt <= watermark) {
            for (Event r : p.rewards) {
                orphaned.inc();
                rejected.accept(r.rejected("rewards", JoinRules.ORPHAN_REWARD));
            }
            return null;
        }
        return p;
    }

    @Override
    public void processElement1(Event d, Context ctx, Collector<Joined> out) throws Exception {
        decisionsIn.inc();
        maybeLog();
        Pending p = current(state.value(), ctx.timerService().currentWatermark(),
                rej -> ctx.output(Parse.REJECTED, rej));
        if (p == null) {
            p = Pending.empty();
        }
        if (p.emitted()) {
            reject(ctx, "decisions", d, JoinRules.DUPLICATE_DECISION);
            return;
        }
        if (p.decision != null) {
            if (!d.before(p.decision)) {
                reject(ctx, "decisions", d, JoinRules.DUPLICATE_DECISION);
                return;
            }
            // the earlier one's close stays scheduled and finds no decision closing then
            reject(ctx, "decisions", p.decision, JoinRules.DUPLICATE_DECISION);
        }
        if (p.decision == null && p.orphanAt != Pending.NONE) {
            // its rewards are no longer orphans in waiting: without this, the entry would stay for --orphan-after
            agenda.remove(p.orphanAt, ctx.getCurrentKey());
        }
        long close = ceilMillis(deadlineMicros(d));
        agenda.add(close, ctx.getCurrentKey());
        state.update(new Pending(d, p.rewards, close, Pending.NONE, Pending.NONE));
    }

    @Override
    public void processElement2(Event r, Context ctx, Collector<Joined> out) throws Exception {
        rewardsIn.inc();
        maybeLog();
        Pending p = current(state.value(), ctx.timerService().currentWatermark(),
                rej -> ctx.output(Parse.REJECTED, rej));
        if (p == null) {
            p = Pending.empty();
        }
        if (p.emitted()) {
            // its decision's window has closed: whether the reward was after the window or merely arrived after
            // the watermark passed it, it can no longer count
            late.inc();
            reject(ctx, "rewards", r, JoinRules.LATE_REWARD);
            return;
        }
        Pending next = p.withReward(r);
        if (p.decision == null) {
            long limit = Math.floorDiv(r.timestampMicros, 1000) + orphanAfterMillis;
            if (limit > p.orphanAt) {
                next.orphanAt = limit;
                agenda.add(limit, ctx.getCurrentKey());
            }
        }
        state.update(next);
    }

    /**
     * The current key's agenda entry for {@code millis} has come up (the watermark is at {@code watermark}):
     * emits its decision if its window closes then (not replaced by an earlier duplicate, not closed already),
     * forgets it past its retention, rejects its rewards past their orphan limit.
     */
    void due(String key, long millis, long watermark, Collector<Joined> out, Consumer<Rejected> rejected)
            throws Exception {
        Pending p = state.value();
        if (p == null) {
            return;
        }
        if (p.decision != null) {
            if (millis == p.closeAt) {
                close(key, p, out, rejected);
            }
        } else if (current(p, watermark, rejected) == null) {
            state.clear();
        }
    }

    private void close(String key, Pending p, Collector<Joined> out, Consumer<Rejected> rejected)
            throws Exception {
        Event d = p.decision;
        long deadline = deadlineMicros(d);
        JoinRules.Outcome<Event> o = rules.join(d.timestampMicros, List.of(p.rewards), r -> r.timestampMicros,
                r -> r.reward, Event.ORDER);
        for (Event r : o.late()) {
            late.inc();
            rejected.accept(r.rejected("rewards", JoinRules.LATE_REWARD));
        }
        if (o.observed()) {
            joined.inc();
            out.collect(new Joined(d.eventId, d.values, true, o.reward(), o.used().size(), o.chosen().values,
                    o.chosen().timestampMicros));
        } else if (o.emitted()) {
            defaulted.inc();
            out.collect(new Joined(d.eventId, d.values, false, o.reward(), 0, null, 0));
        }
        long until = ceilMillis(deadline) + retainMillis;
        state.update(Pending.emitted(until));
        agenda.addInOrder(until, key);
    }

    private void reject(Context ctx, String table, Event e, String reason) {
        if (table.equals("decisions")) {
            duplicates.inc();
        }
        ctx.output(Parse.REJECTED, e.rejected(table, reason));
    }
}
