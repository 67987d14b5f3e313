package io.rewind.rl.bandit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a learner parameter may take, declared on its record component: {@link LearnerKind#params} refuses
 * others (from a spec or a model file) with the range in the message, and {@code --help} lists it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {
    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    /** The minimum itself is not allowed (the value must be above it). */
    boolean minExcluded() default false;
}
