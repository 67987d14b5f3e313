package io.rewind.formats;

/** An interaction's split is {@code train} or {@code eval}. */
enum SplitRule implements RowRule {
    INSTANCE;

    @Override
    public void check(TableSchema schema, Object[] row) {
        String split = (String) RowRule.field(schema, row, "split");
        if (!Split.TRAIN.equals(split) && !Split.EVAL.equals(split)) {
            throw new FieldException("split", "must be train or eval, was \"" + split + "\"");
        }
    }
}
