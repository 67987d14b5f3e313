package io.rewind.ope.spark;

import io.rewind.formats.FieldException;
import io.rewind.formats.spark.IdStrings;
import io.rewind.formats.spark.SparkRows;
import io.rewind.ope.reward.CrossFittedGlm;
import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * q̂(x, a) of each candidate of a row, from the fitted model, over Spark's internal values of the row's event_id,
 * context and candidates (their ids for fixed arms, their structs for actions with features):
 * {@link io.rewind.formats.spark.InternalCall} calls {@link #q} in the projection that reads the rows.
 */
public final class GlmCandidateScores implements Serializable {
    private final CrossFittedGlm model;
    private final int folds;
    private final boolean parametric;
    private final boolean clip;

    GlmCandidateScores(CrossFittedGlm model, int folds, boolean parametric, boolean clip) {
        this.model = model;
        this.folds = folds;
        this.parametric = parametric;
        this.clip = clip;
    }

    /** Called by the generated code. */
    public ArrayData q(UTF8String eventId, ArrayData context, ArrayData candidates) {
        String id = eventId.toString();
        int fold = GlmRewardModel.fold(id, folds);
        double[] x = context == null ? new double[0] : doubles(id, "context", context);
        double[] q = new double[candidates.numElements()];
        if (parametric) {
            for (int i = 0; i < q.length; i++) {
                InternalRow c = candidates.getStruct(i, 2);
                double[] a = c.isNullAt(1) ? null : doubles(id, "actions.features", c.getArray(1));
                q[i] = model.predict(fold, "", GlmRewardModel.features(x, a));
            }
        } else {
            IdStrings strings = IdStrings.ofThisThread();
            double[] z = GlmRewardModel.withIntercept(x);
            for (int i = 0; i < q.length; i++) {
                q[i] = model.predict(fold, strings.of(i, candidates.getUTF8String(i)), z);
            }
        }
        if (clip) {
            for (int i = 0; i < q.length; i++) {
                q[i] = Math.min(1, Math.max(0, q[i]));
            }
        }
        return UnsafeArrayData.fromPrimitiveArray(q);
    }

    private static double[] doubles(String id, String field, ArrayData a) {
        try {
            return SparkRows.doubles(field, a);
        } catch (FieldException e) {
            throw new IllegalArgumentException("event " + id + ": " + e.getMessage(), e);
        }
    }
}
