package io.rewind.jobs.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Three workers on real loopback sockets, each a thread, averaging as train-rl's barrier tasks do. */
class ParameterExchangeTest {
    private static final int WORKERS = 3;
    private static final int SIZE = 5_000;
    private static final int ROUNDS = 200;

    @Test
    void everyWorkerReceivesTheMeanOfAllInEveryRoundAndWorkerZerosStart() throws Exception {
        float[][][] sent = new float[WORKERS][ROUNDS][];
        for (int w = 0; w < WORKERS; w++) {
            SplittableRandom random = new SplittableRandom(w);
            for (int r = 0; r < ROUNDS; r++) {
                sent[w][r] = new float[SIZE];
                for (int k = 0; k < SIZE; k++) {
                    sent[w][r][k] = (float) random.nextGaussian();
                }
            }
        }
        ServerSocket server = ParameterExchange.listen();
        int port = server.getLocalPort();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<float[][]>> received = new ArrayList<>();
        long start = System.nanoTime();
        // followers start first, in reverse order, so worker 0 accepts them out of order
        for (int w = WORKERS - 1; w >= 0; w--) {
            int worker = w;
            received.add(0, pool.submit(() -> {
                try (ParameterExchange ex = worker == 0 ? ParameterExchange.lead(server, WORKERS)
                        : ParameterExchange.follow("127.0.0.1", port, worker)) {
                    float[][] got = new float[ROUNDS + 1][];
                    got[0] = ex.broadcastFromLeader(sent[worker][0]);
                    for (int r = 0; r < ROUNDS; r++) {
                        got[r + 1] = ex.average(sent[worker][r]);
                    }
                    return got;
                }
            }));
        }
        List<float[][]> all = new ArrayList<>();
        for (Future<float[][]> f : received) {
            all.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        for (int w = 0; w < WORKERS; w++) {
            assertArrayEquals(sent[0][0], all.get(w)[0], "worker " + w + " starts from worker 0's parameters");
            for (int r = 0; r < ROUNDS; r++) {
                float[] expected = new float[SIZE];
                for (int k = 0; k < SIZE; k++) {
                    double s = 0;
                    for (int v = 0; v < WORKERS; v++) {
                        s += sent[v][r][k];
                    }
                    expected[k] = (float) (s / WORKERS);
                }
                assertArrayEquals(expected, all.get(w)[r + 1], "worker " + w + ", round " + r);
            }
        }
        // the barrier's allGather took a second per call; 200 averagings of 5,000 floats must take far less
        assertTrue(seconds < 20, seconds + " s for " + ROUNDS + " averagings");
        assertEquals(WORKERS, all.size());
    }

    @Test
    void anExecutorsAddressGivesItsHost() {
        assertEquals("10.0.0.7", DataParallelTraining.hostOf("10.0.0.7:41234"));
        assertEquals("worker-3.example", DataParallelTraining.hostOf("worker-3.example:7078"));
        assertEquals("localhost", DataParallelTraining.hostOf("localhost"));
    }
}
