package io.rewind.rl.batch;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** A multilayer perceptron on DJL: inputs → ReLU hidden layers → linear outputs, with its Adam trainer. */
final class Mlp implements AutoCloseable {
    private final Model model;
    private final Trainer trainer;
    private final ParameterStore inference;

    Mlp(String name, int inputs, List<Integer> hidden, int outputs, double learningRate) {
        Djl.engine();
        SequentialBlock net = new SequentialBlock();
        for (int h : hidden) {
            net.add(Linear.builder().setUnits(h).build()).add(Activation.reluBlock());
        }
        net.add(Linear.builder().setUnits(outputs).build());
        model = Model.newInstance(name, "PyTorch");
        model.setBlock(net);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build())
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, inputs));
        inference = new ParameterStore(model.getNDManager(), false);
    }

    NDManager manager() {
        return model.getNDManager();
    }

    /** The outputs for a batch, without recording gradients. */
    NDArray predict(NDArray x) {
        return model.getBlock().forward(inference, new NDList(x), false).singletonOrThrow();
    }

    /**
     * One gradient step on the loss the function computes from the outputs. PyTorch's engine records gradients for
     * one collector per JVM at a time, so networks trained by several threads of one JVM (data-parallel workers on a
     * local master) take turns.
     */
    float train(NDArray x, Function<NDArray, NDArray> loss) {
        synchronized (GRADIENTS) {
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray l = loss.apply(out);
                value = l.getFloat();
                gc.backward(l);
            }
            trainer.step();
            return value;
        }
    }

    private static final Object GRADIENTS = new Object();

    /** Moves this network's parameters toward another's: θ ← τ·θ_other + (1 − τ)·θ. */
    void blend(Mlp other, double tau) {
        ParameterList mine = model.getBlock().getParameters();
        ParameterList theirs = other.model.getBlock().getParameters();
        for (int i = 0; i < mine.size(); i++) {
            NDArray target = mine.valueAt(i).getArray();
            NDArray source = theirs.valueAt(i).getArray();
            float[] t = target.toFloatArray();
            float[] s = source.toFloatArray();
            for (int k = 0; k < t.length; k++) {
                t[k] = (float) (tau * s[k] + (1 - tau) * t[k]);
            }
            target.set(t);
        }
    }

    /** All parameters, in the block's order, one flat array. */
    float[] parameters() {
        ParameterList all = model.getBlock().getParameters();
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            n += (int) all.valueAt(i).getArray().size();
        }
        float[] out = new float[n];
        int at = 0;
        for (int i = 0; i < all.size(); i++) {
            float[] v = all.valueAt(i).getArray().toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Sets the parameters from {@code flat} starting at {@code from}; how many it used. */
    int parameters(float[] flat, int from) {
        ParameterList all = model.getBlock().getParameters();
        int at = from;
        for (int i = 0; i < all.size(); i++) {
            NDArray p = all.valueAt(i).getArray();
            int n = (int) p.size();
            if (at + n > flat.length) {
                throw new IllegalArgumentException("too few parameters: " + flat.length);
            }
            p.set(java.util.Arrays.copyOfRange(flat, at, at + n));
            at += n;
        }
        return at - from;
    }

    void save(Path dir, String name) {
        for (var p : model.getBlock().getParameters()) {
            float[] values = p.getValue().getArray().toFloatArray();
            for (int k = 0; k < values.length; k++) {
                if (!Float.isFinite(values[k])) {
                    throw new IllegalStateException("the trained " + name + " network has a non-finite weight ("
                            + values[k] + " in " + p.getKey() + "); the policy was not saved");
                }
            }
        }
        try {
            model.save(dir, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + name + " to " + dir, e);
        }
    }

    void load(Path dir, String name) {
        try {
            model.load(dir, name);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalArgumentException("cannot load " + name + " from " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
