package io.rewind.rl.batch;

import ai.djl.engine.Engine;

/** DJL with the PyTorch engine on CPU, offline, one intra-op thread unless the JVM was told otherwise. */
final class Djl {
    private Djl() {
    }

    static synchronized Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        return Engine.getEngine("PyTorch");
    }
}
