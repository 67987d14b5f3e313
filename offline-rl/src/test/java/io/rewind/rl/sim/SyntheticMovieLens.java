package io.rewind.rl.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a generated data set in the MovieLens 100K file layout ({@code u.data}, {@code u.item}, {@code u.user}),
 * since MovieLens itself may not be redistributed. Each item has one to three of the 19 genres; each user likes two
 * or three genres; a rating is 4 or 5 when the item has a genre the user likes (with probability 0.85), else 1 to 3
 * (a 0.1 chance of a stray 4). Every user rates at least 30 items.
 */
public final class SyntheticMovieLens {
    private static final String[] OCCUPATIONS = {"engineer", "student", "writer", "artist", "other"};

    private SyntheticMovieLens() {
    }

    public static void write(Path dir, int users, int items, int ratingsPerUser, long seed) throws IOException {
        if (ratingsPerUser > items) {
            throw new IllegalArgumentException("ratings per user " + ratingsPerUser + " exceed the " + items + " items");
        }
        SplittableRandom r = new SplittableRandom(seed);
        Files.createDirectories(dir);
        boolean[][] genre = new boolean[items][MovieLensCascade.GENRES];
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < items; i++) {
            int n = 1 + r.nextInt(3);
            for (int k = 0; k < n; k++) {
                genre[i][1 + r.nextInt(MovieLensCascade.GENRES - 1)] = true;
            }
            item.append(i + 1).append("|Generated movie ").append(i + 1).append(" (1995)|01-Jan-1995||");
            for (boolean g : genre[i]) {
                item.append('|').append(g ? 1 : 0);
            }
            item.append('\n');
        }
        StringBuilder user = new StringBuilder();
        StringBuilder data = new StringBuilder();
        for (int u = 0; u < users; u++) {
            user.append(u + 1).append('|').append(18 + r.nextInt(50)).append('|').append(r.nextBoolean() ? "M" : "F")
                    .append('|').append(OCCUPATIONS[r.nextInt(OCCUPATIONS.length)]).append("|00000\n");
            boolean[] likes = new boolean[MovieLensCascade.GENRES];
            int liked = 2 + r.nextInt(2);
            for (int k = 0; k < liked; k++) {
                likes[1 + r.nextInt(MovieLensCascade.GENRES - 1)] = true;
            }
            int[] order = new int[items];
            for (int i = 0; i < items; i++) {
                order[i] = i;
            }
            for (int i = 0; i < ratingsPerUser; i++) {
                int j = i + r.nextInt(items - i);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
                int it = order[i];
                boolean match = false;
                for (int g = 0; g < MovieLensCascade.GENRES; g++) {
                    match |= genre[it][g] && likes[g];
                }
                int rating = match && r.nextDouble() < 0.85 ? 4 + r.nextInt(2)
                        : r.nextDouble() < 0.1 ? 4 : 1 + r.nextInt(3);
                data.append(u + 1).append('\t').append(it + 1).append('\t').append(rating).append('\t')
                        .append(874_965_758L + r.nextInt(1_000_000)).append('\n');
            }
        }
        Files.writeString(dir.resolve("u.item"), item, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.user"), user, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.data"), data, StandardCharsets.ISO_8859_1);
    }
}
