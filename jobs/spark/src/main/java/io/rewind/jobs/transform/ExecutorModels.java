package io.rewind.jobs.transform;

import io.rewind.rl.bandit.BanditModel;
import io.rewind.rl.bandit.LinearLearner;
import io.rewind.rl.batch.DdqnBcq;
import io.rewind.rl.batch.RlPolicy;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Models as executors hold them: the driver ships a model's files once (a broadcast {@link Payload}); each executor
 * JVM restores it on first use and keeps it for every task after, keyed by the content's hash. An executor keeps the
 * {@link #KEPT} models it used last (train-rl ships a new policy every epoch) and closes the ones it drops.
 */
public final class ExecutorModels {
    static final int KEPT = 8;
    private static final Map<String, Object> LOADED = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            if (size() <= KEPT) {
                return false;
            }
            if (eldest.getValue() instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot release a model", e);
                }
            }
            return true;
        }
    };

    private ExecutorModels() {
    }

    /** A model's files by name and a key derived from their content. */
    public record Payload(String kind, Map<String, byte[]> files, String key) implements Serializable {
    }

    public static Payload read(String model) {
        Path p = Path.of(model);
        try {
            Map<String, byte[]> files = new java.util.TreeMap<>();
            String kind;
            if (Files.isDirectory(p)) {
                RlPolicy.read(p);
                try (var list = Files.list(p)) {
                    for (Path f : list.filter(Files::isRegularFile).toList()) {
                        files.put(f.getFileName().toString(), Files.readAllBytes(f));
                    }
                }
                kind = "rl";
            } else if (Files.isRegularFile(p)) {
                byte[] json = Files.readAllBytes(p);
                BanditModel.parse(new String(json, java.nio.charset.StandardCharsets.UTF_8));
                files.put("model.json", json);
                kind = "bandit";
            } else {
                throw new IllegalArgumentException("model " + model + " does not exist");
            }
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            files.forEach((k, v) -> {
                md.update(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(v);
            });
            return new Payload(kind, files, java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16));
        } catch (IOException e) {
            throw new IllegalArgumentException(model + " is not a readable Rewind model: " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DdqnBcq rl(Payload p) {
        return (DdqnBcq) load(p, k -> {
            try {
                Path dir = Files.createTempDirectory("rewind-policy-" + k);
                try {
                    for (Map.Entry<String, byte[]> f : p.files().entrySet()) {
                        Files.write(dir.resolve(f.getKey()), f.getValue());
                    }
                    return RlPolicy.load(dir);
                } finally {
                    for (String f : p.files().keySet()) {
                        Files.deleteIfExists(dir.resolve(f));
                    }
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack the policy on this executor", e);
            }
        });
    }

    static LinearLearner bandit(Payload p) {
        return (LinearLearner) load(p, k -> {
            try {
                return BanditModel.parse(new String(p.files().get("model.json"),
                        java.nio.charset.StandardCharsets.UTF_8)).restoreLearner();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bandit model on this executor", e);
            }
        });
    }

    private static Object load(Payload p, java.util.function.Function<String, Object> restore) {
        synchronized (LOADED) {
            return LOADED.computeIfAbsent(p.key(), k -> {
                restored++;
                return restore.apply(k);
            });
        }
    }

    /** How many models this JVM has restored so far (for the once-per-executor test). */
    static int restoredCount() {
        synchronized (LOADED) {
            return restored;
        }
    }

    private static int restored;
}
