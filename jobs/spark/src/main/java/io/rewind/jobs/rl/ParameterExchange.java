package io.rewind.jobs.rl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The workers of {@code train-rl --workers N} averaging their parameters over their own TCP connections: worker 0
 * listens, the others connect to it once, and each averaging is one send and one receive of the parameters. Spark's
 * barrier is used only to learn worker 0's address: Spark 4.0.1's {@code BarrierTaskContext.allGather} waits for its
 * reply in one-second sleeps, so averaging through it cost a second each time whatever the network's size. Written
 * by hand over plain sockets because the need is one vector each way between a handful of tasks; a collective library
 * (Gloo, MPI) would bring natives and a launcher for that.
 */
final class ParameterExchange implements AutoCloseable {
    /** How long a worker waits for the others before the stage fails (and Spark retries it). */
    static final int TIMEOUT_MILLIS = 10 * 60 * 1000;

    private final int index;
    private final ServerSocket server;
    private final List<Socket> sockets;
    private final List<DataInputStream> ins = new ArrayList<>();
    private final List<DataOutputStream> outs = new ArrayList<>();

    private ParameterExchange(int index, ServerSocket server, List<Socket> sockets) throws IOException {
        this.index = index;
        this.server = server;
        this.sockets = sockets;
        for (Socket s : sockets) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            ins.add(new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16)));
            outs.add(new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16)));
        }
    }

    /** Worker 0's listening socket, before the others know its port. */
    static ServerSocket listen() {
        try {
            ServerSocket server = new ServerSocket();
            server.setSoTimeout(TIMEOUT_MILLIS);
            server.bind(new InetSocketAddress(0));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("train-rl --workers: worker 0 could not listen", e);
        }
    }

    /** Worker 0: waits for the other {@code workers - 1} workers on {@code server}, in any order. */
    static ParameterExchange lead(ServerSocket server, int workers) {
        List<Socket> byWorker = Arrays.asList(new Socket[workers - 1]);
        try {
            for (int i = 1; i < workers; i++) {
                Socket s = server.accept();
                int w = new DataInputStream(s.getInputStream()).readInt();
                if (w < 1 || w >= workers || byWorker.get(w - 1) != null) {
                    s.close();
                    throw new IOException("unexpected worker " + w + " of " + workers);
                }
                byWorker.set(w - 1, s);
            }
            return new ParameterExchange(0, server, byWorker);
        } catch (IOException e) {
            closeAll(server, byWorker);
            throw new UncheckedIOException("train-rl --workers: worker 0 waiting for the others on port "
                    + server.getLocalPort(), e);
        }
    }

    /** Worker {@code index} (1 or more): connects to worker 0 at {@code host:port}. */
    static ParameterExchange follow(String host, int port, int index) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            DataOutputStream hello = new DataOutputStream(s.getOutputStream());
            hello.writeInt(index);
            hello.flush();
            return new ParameterExchange(index, null, List.of(s));
        } catch (IOException e) {
            closeAll(null, List.of(s));
            throw new UncheckedIOException("train-rl --workers: worker " + index + " connecting to worker 0 at "
                    + host + ":" + port, e);
        }
    }

    /** Every worker's {@code mine}, averaged in worker order (so every worker receives the same floats). */
    float[] average(float[] mine) {
        try {
            return index == 0 ? gatherAndSend(mine) : sendAndReceive(mine);
        } catch (IOException e) {
            throw new UncheckedIOException("train-rl --workers: worker " + index + " averaging parameters", e);
        }
    }

    /** Worker 0's parameters, sent to every worker (the common initialisation). */
    float[] broadcastFromLeader(float[] mine) {
        try {
            if (index == 0) {
                for (DataOutputStream out : outs) {
                    write(out, mine);
                }
                return mine;
            }
            return read(ins.get(0), mine.length);
        } catch (IOException e) {
            throw new UncheckedIOException("train-rl --workers: worker " + index + " receiving worker 0's start", e);
        }
    }

    private float[] gatherAndSend(float[] mine) throws IOException {
        double[] sum = new double[mine.length];
        add(sum, mine);
        for (DataInputStream in : ins) {
            add(sum, read(in, mine.length));
        }
        float[] mean = new float[mine.length];
        int n = ins.size() + 1;
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (float) (sum[k] / n);
        }
        for (DataOutputStream out : outs) {
            write(out, mean);
        }
        return mean;
    }

    private float[] sendAndReceive(float[] mine) throws IOException {
        write(outs.get(0), mine);
        return read(ins.get(0), mine.length);
    }

    private static void add(double[] sum, float[] values) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += values[k];
        }
    }

    private static void write(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
        out.flush();
    }

    private static float[] read(DataInputStream in, int expected) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException("a worker sent " + n + " parameters, expected " + expected);
        }
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = in.readFloat();
        }
        return values;
    }

    @Override
    public void close() {
        closeAll(server, sockets);
    }

    private static void closeAll(ServerSocket server, List<Socket> sockets) {
        sockets.forEach(ParameterExchange::closeQuietly);
        closeQuietly(server);
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // closing after the work is done or has failed: nothing left to lose
        }
    }
}
