package io.rewind.flink.collect;

import io.rewind.formats.JoinRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * remembered for {@code retainMillis} so later copies and late rewards are still recognised.
 */
public class JoinFunction extends KeyedCoProcessFunction<String, Event, Event, Joined> {
    private final JoinRules rules;
    private final long orphanAfterMillis;
    private final long retainMillis;

    private transient ValueState<Event> decision;
    private transient ListState<Event> rewards;
    private transient ValueState<Long> closeAt;
    private transient ValueState<Long> orphanAt;
    private transient ValueState<Long> emittedUntil;
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
        decision = getRuntimeContext().getState(new ValueStateDescriptor<>("decision", Event.class));
        rewards = getRuntimeContext().getListState(new ListStateDescriptor<>("rewards", Event.class));
        closeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("close-at", Long.class));
        orphanAt = getRuntimeContext().getState(new ValueStateDescriptor<>("orphan-at", Long.class));
        emittedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("emitted-until", Long.class));
        var m = getRuntimeContext().getMetricGroup();
        joined = m.counter("joined");
        defaulted = m.counter("defaulted");
        late = m.counter("late");
        orphaned = m.counter("orphaned");
        duplicates = m.counter("duplicate_decisions");
        decisionsIn = m.counter("join_decisions_in");
        rewardsIn = m.counter("join_rewards_in");
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

    @Override
    public void processElement1(Event d, Context ctx, Collector<Joined> out) throws Exception {
        decisionsIn.inc();
        maybeLog();
        Event kept = decision.value();
        if (emittedUntil.value() != null) {
            reject(ctx, "decisions", d, JoinRules.DUPLICATE_DECISION);
            return;
        }
        if (kept != null) {
            if (!d.before(kept)) {
                reject(ctx, "decisions", d, JoinRules.DUPLICATE_DECISION);
                return;
            }
            reject(ctx, "decisions", kept, JoinRules.DUPLICATE_DECISION);
            ctx.timerService().deleteEventTimeTimer(closeAt.value());
        }
        decision.update(d);
        long close = ceilMillis(deadlineMicros(d));
        closeAt.update(close);
        ctx.timerService().registerEventTimeTimer(close);
        if (orphanAt.value() != null) {
            ctx.timerService().deleteEventTimeTimer(orphanAt.value());
            orphanAt.clear();
        }
    }

    @Override
    public void processElement2(Event r, Context ctx, Collector<Joined> out) throws Exception {
        rewardsIn.inc();
        maybeLog();
        if (emittedUntil.value() != null) {
            // its decision's window has closed: whether the reward was after the window or merely arrived after
            // the watermark passed it, it can no longer count
            late.inc();
            reject(ctx, "rewards", r, JoinRules.LATE_REWARD);
            return;
        }
        rewards.add(r);
        if (decision.value() == null) {
            long at = Math.floorDiv(r.timestampMicros, 1000) + orphanAfterMillis;
            Long current = orphanAt.value();
            if (current == null || at > current) {
                if (current != null) {
                    ctx.timerService().deleteEventTimeTimer(current);
                }
                orphanAt.update(at);
                ctx.timerService().registerEventTimeTimer(at);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Joined> out) throws Exception {
        Event d = decision.value();
        if (d != null && closeAt.value() != null && timestamp == closeAt.value()) {
            close(d, ctx, out);
            return;
        }
        if (d == null && orphanAt.value() != null && timestamp == orphanAt.value()) {
            for (Event r : rewards.get()) {
                orphaned.inc();
                reject(ctx, "rewards", r, JoinRules.ORPHAN_REWARD);
            }
            rewards.clear();
            orphanAt.clear();
            return;
        }
        Long until = emittedUntil.value();
        if (until != null && timestamp >= until) {
            emittedUntil.clear();
        }
    }

    private void close(Event d, OnTimerContext ctx, Collector<Joined> out) throws Exception {
        long deadline = deadlineMicros(d);
        List<Event> inWindow = new ArrayList<>();
        for (Event r : rewards.get()) {
            if (r.timestampMicros <= deadline) {
                inWindow.add(r);
            } else {
                late.inc();
                reject(ctx, "rewards", r, JoinRules.LATE_REWARD);
            }
        }
        if (inWindow.isEmpty()) {
            if (!rules.dropUnrewarded()) {
                defaulted.inc();
                out.collect(new Joined(d.json, false, rules.defaultReward(), 0, null));
            }
        } else {
            Event first = inWindow.get(0);
            Event last = inWindow.get(0);
            double sum = 0;
            for (Event r : inWindow) {
                first = r.before(first) ? r : first;
                last = last.before(r) ? r : last;
                sum += r.reward;
            }
            Event used = rules.aggregation() == JoinRules.Aggregation.FIRST ? first : last;
            double reward = rules.aggregation() == JoinRules.Aggregation.SUM ? sum : used.reward;
            joined.inc();
            out.collect(new Joined(d.json, true, reward, inWindow.size(), used.json));
        }
        decision.clear();
        rewards.clear();
        closeAt.clear();
        long until = ceilMillis(deadline) + retainMillis;
        emittedUntil.update(until);
        ctx.timerService().registerEventTimeTimer(until);
    }

    private void reject(Context ctx, String table, Event e, String reason) {
        if (table.equals("decisions")) {
            duplicates.inc();
        }
        ctx.output(Parse.REJECTED, new Rejected(table, e.eventId, reason, e.source, e.position, e.json));
    }
}
