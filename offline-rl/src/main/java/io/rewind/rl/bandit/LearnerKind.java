package io.rewind.rl.bandit;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kind of bandit learner, declared in the learner's own file: its command-line name, its parameters as a typed
 * record with their defaults, and its factory. Kinds register themselves through
 * {@code META-INF/services/io.rewind.rl.bandit.LearnerKind}; {@link Learners} only looks them up.
 *
 * <p>Parameters travel as {@code name → number} (in specs such as {@code linucb:alpha=0.3} and in model files),
 * named as the record's components in snake_case.
 *
 * @param <P> the parameter record: components of type double, int or long
 */
public abstract class LearnerKind<P extends Record> {
    /** Makes a learner of this kind from its parameters. */
    @FunctionalInterface
    public interface Factory<P> {
        LinearLearner create(P params, FeatureMap features, double lambda, long seed);
    }

    private final String name;
    private final P defaults;
    private final Class<? extends LinearLearner> learnerClass;
    private final Factory<P> factory;

    /**
     * @param name         the command-line name, such as {@code linucb}
     * @param defaults     the parameters when the spec gives none
     * @param learnerClass the class of the learners this kind creates
     * @param factory      makes a learner from parameters
     */
    protected LearnerKind(String name, P defaults, Class<? extends LinearLearner> learnerClass, Factory<P> factory) {
        this.name = name;
        this.defaults = defaults;
        this.learnerClass = learnerClass;
        this.factory = factory;
    }

    public final String name() {
        return name;
    }

    public final P defaults() {
        return defaults;
    }

    public final LinearLearner create(P params, FeatureMap features, double lambda, long seed) {
        return factory.create(params, features, lambda, seed);
    }

    public final Class<? extends LinearLearner> learnerClass() {
        return learnerClass;
    }

    /** The kind a saved learner of this class is recorded as (false for aliases such as greedy). */
    public boolean recordsItsLearners() {
        return true;
    }

    /** The record from named numbers; names not given take their defaults, unknown names are refused. */
    public P params(Map<String, Double> given) {
        Map<String, Double> values = toMap(defaults());
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new IllegalArgumentException("learner '" + name() + "': unknown parameter " + e.getKey()
                        + ", expected one of " + values.keySet() + ", lambda or reduction");
            }
            values.put(e.getKey(), e.getValue());
        }
        @SuppressWarnings("unchecked")
        Class<P> type = (Class<P>) defaults().getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String param = snake(components[i].getName());
            double v = values.get(param);
            Range range = components[i].getAnnotation(Range.class);
            if (range != null && !within(range, v)) {
                throw new IllegalArgumentException("learner '" + name() + "': " + param + " must be "
                        + describe(range) + ", got " + number(v));
            }
            types[i] = components[i].getType();
            args[i] = types[i] == int.class ? (Object) (int) v : types[i] == long.class ? (Object) (long) v : v;
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " must be a public record of numbers", e);
        }
    }

    /** The record as named numbers, in component order. */
    public static Map<String, Double> toMap(Record params) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RecordComponent c : params.getClass().getRecordComponents()) {
            try {
                out.put(snake(c.getName()), ((Number) c.getAccessor().invoke(params)).doubleValue());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** A learner from named numbers. */
    public LinearLearner create(Map<String, Double> given, FeatureMap features, double lambda, long seed) {
        return create(params(given), features, lambda, seed);
    }

    /** The parameters with their defaults and allowed values, as {@code --help} lists them. */
    public String describe() {
        StringBuilder out = new StringBuilder(name());
        String sep = " (";
        Map<String, Double> values = toMap(defaults());
        for (RecordComponent c : defaults().getClass().getRecordComponents()) {
            String param = snake(c.getName());
            Range range = c.getAnnotation(Range.class);
            out.append(sep).append(param).append('=').append(number(values.get(param)));
            if (range != null) {
                out.append(", ").append(describe(range));
            }
            sep = "; ";
        }
        return sep.equals(" (") ? out.toString() : out.append(')').toString();
    }

    private static boolean within(Range r, double v) {
        return (r.minExcluded() ? v > r.min() : v >= r.min()) && v <= r.max() && !Double.isNaN(v);
    }

    private static String describe(Range r) {
        String low = (r.minExcluded() ? "> " : ">= ") + number(r.min());
        if (r.max() == Double.POSITIVE_INFINITY) {
            return low;
        }
        return r.min() == Double.NEGATIVE_INFINITY ? "<= " + number(r.max())
                : "in " + (r.minExcluded() ? "(" : "[") + number(r.min()) + ", " + number(r.max()) + "]";
    }

    private static String number(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
