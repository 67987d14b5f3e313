package io.rewind.flink.collect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out files in path order (then offset), so readers move through time-named logs (Firehose's
 * {@code yyyy/MM/dd/HH/...-timestamp-...}, {@code part-0, part-1, ...}) from the oldest file to the newest together.
 * A reader's watermark only goes forward: had it read a later file before an earlier one, the earlier file's
 * events would all be behind it and the join would call its rewards late.
 */
final class PathOrderSplitAssigner implements FileSplitAssigner {
    private static final Comparator<FileSourceSplit> ORDER = Comparator
            .comparing((FileSourceSplit s) -> s.path().toString())
            .thenComparingLong(FileSourceSplit::offset)
            .thenComparing(FileSourceSplit::splitId);
    private final TreeSet<FileSourceSplit> pending = new TreeSet<>(ORDER);

    PathOrderSplitAssigner(Collection<FileSourceSplit> splits) {
        pending.addAll(splits);
    }

    static final Provider PROVIDER = PathOrderSplitAssigner::new;

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(pending.pollFirst());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> splits) {
        pending.addAll(splits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(pending);
    }
}
