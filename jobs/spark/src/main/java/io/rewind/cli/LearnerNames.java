package io.rewind.cli;

import io.rewind.rl.bandit.LearnerKind;
import io.rewind.rl.bandit.Learners;
import java.util.Iterator;

/**
 * The registered learners with their parameters' defaults and ranges, for {@code --learner}'s help
 * ({@code ${COMPLETION-CANDIDATES}}).
 */
final class LearnerNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Learners.KINDS.stream().map(LearnerKind::describe).iterator();
    }
}
