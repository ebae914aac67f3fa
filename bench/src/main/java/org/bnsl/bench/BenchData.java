package org.bnsl.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.law.Bnsl;

/**
 * The data the benchmarks fit: the same curves, generator and seeds as {@code bnsl bench}
 * ({@code org.bnsl.cli.BenchCommand}), so the JMH figures and the in-process ones are comparable.
 */
public final class BenchData {
    /** Seed of the ten 60-point 3-break curves ({@code BenchCommand}: {@code new Random(60)}). */
    public static final long THREE_BREAK_SEED = 60;
    /** Seed of the 20-point 1-break curve ({@code BenchCommand}'s bootstrap case: {@code new Random(4)}). */
    public static final long TWENTY_POINT_SEED = 4;
    /** Seed of the batch of 20-point 1-break curves fed to {@code bnsl fit --group}. */
    public static final long BATCH_SEED = 7;

    /** System property naming the folder of the bundled example data. */
    public static final String EXAMPLES_PROPERTY = "bnsl.examples";
    static final String CHINCHILLA_FILE = "hoffmann2022_fig4_epoch_extraction.csv";

    /** The 4-digit-addition curve (Caballero et al. 2022, Fig. 4 left): the first 14 points, as in BenchCommand. */
    static final double[] FOUR_DIGIT_X = {160, 192, 256, 320, 384, 448, 480, 512, 544, 576, 608, 640, 672, 736};
    static final double[] FOUR_DIGIT_Y = {2.13809046, 2.11813418, 2.08955508, 2.06988398, 2.05404987, 2.03837089,
        2.02814281, 2.00496872, 1.95576149, 1.86313841, 1.70891537, 1.50637664, 1.29754721, 0.96559684};

    private BenchData() {
    }

    public static Series fourDigitAddition() {
        return Series.of("four_digit_addition", FOUR_DIGIT_X, FOUR_DIGIT_Y);
    }

    /** BenchCommand's 3-break case: ten seeded 60-point curves, fitted in turn. */
    public static List<Series> threeBreakCurves() {
        List<Series> curves = new ArrayList<>();
        Random rnd = new Random(THREE_BREAK_SEED);
        for (int i = 0; i < 10; i++) {
            curves.add(synthetic(rnd, 3, 60));
        }
        return curves;
    }

    /** BenchCommand's 20-point 1-break curve (its bootstrap case). */
    public static Series twentyPointOneBreak() {
        return synthetic(new Random(TWENTY_POINT_SEED), 1, 20);
    }

    /** The seeded BNSL curves of {@code bnsl bench} (the same generator, so both measure the same fits). */
    public static Series synthetic(Random rnd, int breaks, int points) {
        return org.bnsl.cli.BenchCommand.synthetic(rnd, breaks, points);
    }

    /**
     * The 240 Chinchilla runs Epoch AI refit (Hoffmann et al. 2022 Fig. 4, loss &lt; 3.4469), read as
     * BenchCommand reads them.
     */
    public static Series chinchillaRuns() {
        Table t = Table.read(examplesDir().resolve(CHINCHILLA_FILE));
        int loss = t.column("loss");
        return SeriesReader.builder().variable("N", "params").variable("D", "tokens").y("loss")
                .filter(row -> t.number(row, loss) < 3.4469).build().read(t).get(0);
    }

    /**
     * The folder of the bundled example data: the system property {@value #EXAMPLES_PROPERTY} if set,
     * else {@code examples/} in the working directory or the nearest parent that has it (so the
     * benchmarks run from the repository root or from {@code bench/}). Fails naming where it looked.
     */
    public static Path examplesDir() {
        String given = System.getProperty(EXAMPLES_PROPERTY);
        if (given != null) {
            Path dir = Paths.get(given).toAbsolutePath();
            if (!Files.isRegularFile(dir.resolve(CHINCHILLA_FILE))) {
                throw new IllegalStateException("-D" + EXAMPLES_PROPERTY + "=" + given + ": " + dir.resolve(CHINCHILLA_FILE)
                        + " not found");
            }
            return dir;
        }
        Path start = Paths.get("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("examples").resolve(CHINCHILLA_FILE))) {
                return d.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/" + CHINCHILLA_FILE + " not found in " + start
                + " or any parent: run from the repository root or pass -D" + EXAMPLES_PROPERTY + "=DIR");
    }

    /**
     * Writes {@code curves} seeded 20-point 1-break curves as one CSV with columns group,x,y
     * (group names c00000, c00001, ...), the input of {@code bnsl fit --group group}.
     */
    public static void writeBatch(Path file, int curves, long seed) {
        Random rnd = new Random(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("group,x,y\n");
            for (int c = 0; c < curves; c++) {
                Series s = synthetic(rnd, 1, 20);
                double[] x = s.x(0);
                double[] y = s.y();
                String g = String.format(java.util.Locale.ROOT, "c%05d", c);
                for (int i = 0; i < x.length; i++) {
                    w.write(g);
                    w.write(',');
                    w.write(Double.toString(x[i]));
                    w.write(',');
                    w.write(Double.toString(y[i]));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
