package io.rewind.rl.sim;

import io.rewind.formats.Candidate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Top-k recommendation with a cascade click model over MovieLens 100K files, as in the seed's experimentation mode:
 * round t visits user t mod {@code maxUsers} (users in id order), offers a pool of up to {@code itemPoolSize} items the
 * user rated (a random subset when they rated more), each item with its 19 genre flags as features; the agent ranks
 * its top k; the simulated user scans top-down and clicks the first item they like. An item's click probability (its
 * attractiveness) is 1 when the user rated it at or above {@code likeThreshold} and 0 otherwise, or with
 * {@code seedAttractiveness} the seed's mapping (rating r ≥ 3 gives r/5, below 3 gives 0.01). Feedback: 0 for the
 * items above the click, 1 for the clicked one, none (NaN) below it. The context is the user as a one-hot vector, so
 * context × genre interactions learn each user's taste (VW's {@code -q sd} on {@code user_<id>}).
 */
public final class MovieLensCascade {
    public static final int GENRES = 19;

    public record Config(int itemPoolSize, int topK, int maxUsers, int likeThreshold, boolean seedAttractiveness) {
        public static Config seed() {
            return new Config(100, 5, 100, 4, false);
        }
    }

    /** One round: the user, the context, the offered items and each one's click probability. */
    public record Round(int user, double[] x, List<Candidate> candidates, double[] attractiveness) {
    }

    private final Config config;
    private final List<Integer> users;
    private final Map<Integer, int[]> ratedItems = new HashMap<>();
    private final Map<Integer, int[]> ratings = new HashMap<>();
    private final Map<Integer, double[]> genres;

    private MovieLensCascade(Config config, List<Integer> users, Map<Integer, TreeMap<Integer, Integer>> rated,
                             Map<Integer, double[]> genres) {
        this.config = config;
        this.users = users;
        this.genres = genres;
        for (int u : users) {
            TreeMap<Integer, Integer> m = rated.get(u);
            ratedItems.put(u, m.keySet().stream().mapToInt(Integer::intValue).toArray());
            ratings.put(u, m.values().stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Reads {@code u.data}, {@code u.item} and {@code u.user} from an ml-100k folder. */
    public static MovieLensCascade read(Path dir, Config config) throws IOException {
        for (String f : List.of("u.data", "u.item", "u.user")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IllegalArgumentException(dir + " has no " + f + ": give the folder of the MovieLens 100K"
                        + " files (u.data, u.item, u.user)");
            }
        }
        Map<Integer, double[]> genres = new HashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(dir.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length < 5 + GENRES) {
                throw new IllegalArgumentException(dir.resolve("u.item") + " line " + lineNo + ": expected "
                        + (5 + GENRES) + " |-separated fields, found " + f.length);
            }
            double[] g = new double[GENRES];
            for (int j = 0; j < GENRES; j++) {
                g[j] = parse(f[5 + j], dir.resolve("u.item"), lineNo, "genre " + j);
            }
            genres.put((int) parse(f[0], dir.resolve("u.item"), lineNo, "movie id"), g);
        }
        List<Integer> userIds = new ArrayList<>();
        lineNo = 0;
        for (String line : Files.readAllLines(dir.resolve("u.user"), StandardCharsets.ISO_8859_1)) {
            lineNo++;
            if (!line.isBlank()) {
                userIds.add((int) parse(line.split("\\|", -1)[0], dir.resolve("u.user"), lineNo, "user id"));
            }
        }
        Map<Integer, TreeMap<Integer, Integer>> rated = new HashMap<>();
        lineNo = 0;
        for (String line : Files.readAllLines(dir.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                throw new IllegalArgumentException(dir.resolve("u.data") + " line " + lineNo
                        + ": expected user, item, rating, timestamp");
            }
            int item = (int) parse(f[1], dir.resolve("u.data"), lineNo, "item id");
            if (!genres.containsKey(item)) {
                throw new IllegalArgumentException(dir.resolve("u.data") + " line " + lineNo + ": item " + item
                        + " is not in u.item");
            }
            rated.computeIfAbsent((int) parse(f[0], dir.resolve("u.data"), lineNo, "user id"), k -> new TreeMap<>())
                    .put(item, (int) parse(f[2], dir.resolve("u.data"), lineNo, "rating"));
        }
        List<Integer> users = userIds.stream().sorted().filter(rated::containsKey).limit(config.maxUsers()).toList();
        for (int u : users) {
            if (rated.get(u).size() < config.topK()) {
                throw new IllegalArgumentException("user " + u + " rated " + rated.get(u).size() + " items, fewer"
                        + " than top_k " + config.topK());
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no user with ratings");
        }
        return new MovieLensCascade(config, users, rated, genres);
    }

    private static double parse(String s, Path file, int line, String field) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ": " + field + " is not a number: '" + s + "'");
        }
    }

    public Config config() {
        return config;
    }

    /** The context length: one slot per simulated user. */
    public int contextDim() {
        return users.size();
    }

    public Round round(int t, SplittableRandom r) {
        int index = t % users.size();
        int user = users.get(index);
        int[] items = ratedItems.get(user);
        int[] stars = ratings.get(user);
        int[] pool = new int[items.length];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = i;
        }
        int size = pool.length;
        if (config.itemPoolSize() > 0 && size > config.itemPoolSize()) {
            for (int i = 0; i < config.itemPoolSize(); i++) {
                int j = i + r.nextInt(size - i);
                int tmp = pool[i];
                pool[i] = pool[j];
                pool[j] = tmp;
            }
            size = config.itemPoolSize();
        }
        List<Candidate> candidates = new ArrayList<>();
        double[] attract = new double[size];
        for (int i = 0; i < size; i++) {
            int item = items[pool[i]];
            candidates.add(new Candidate("item-" + item, genres.get(item).clone()));
            attract[i] = attractiveness(stars[pool[i]]);
        }
        double[] x = new double[users.size()];
        x[index] = 1;
        return new Round(user, x, candidates, attract);
    }

    double attractiveness(int rating) {
        if (config.seedAttractiveness()) {
            return rating >= 3 ? rating / 5.0 : 0.01;
        }
        return rating >= config.likeThreshold() ? 1 : 0;
    }

    /** Cascade feedback for a ranking: 0 above the click, 1 at it, NaN (no feedback) below; all 0 without a click. */
    public static double[] feedback(double[] attractiveness, int[] ranking, SplittableRandom r) {
        double[] out = new double[ranking.length];
        for (int j = 0; j < ranking.length; j++) {
            if (r.nextDouble() < attractiveness[ranking[j]]) {
                out[j] = 1;
                Arrays.fill(out, j + 1, out.length, Double.NaN);
                return out;
            }
        }
        return out;
    }

    /** The chance of a click somewhere in the ranking: 1 − Π(1 − a_i). */
    public static double expectedReward(double[] attractiveness, int[] ranking) {
        double none = 1;
        for (int i : ranking) {
            none *= 1 - attractiveness[i];
        }
        return 1 - none;
    }

    /** The best achievable chance of a click: the k most attractive items. */
    public static double optimalReward(double[] attractiveness, int k) {
        double[] sorted = attractiveness.clone();
        Arrays.sort(sorted);
        double none = 1;
        for (int j = 0; j < k; j++) {
            none *= 1 - sorted[sorted.length - 1 - j];
        }
        return 1 - none;
    }
}
