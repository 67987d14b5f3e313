package io.rewind.jobs.transform;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** An iterator that produces its elements a batch at a time: {@link #fill} adds the next batch, or none at the end. */
abstract class BatchedIterator<T> implements Iterator<T> {
    private final List<T> ready = new ArrayList<>();
    private int next;

    /** Adds the next batch to {@code out}; adds nothing when the input is exhausted. */
    protected abstract void fill(List<T> out);

    @Override
    public boolean hasNext() {
        if (next < ready.size()) {
            return true;
        }
        ready.clear();
        next = 0;
        fill(ready);
        return !ready.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.get(next++);
    }
}
