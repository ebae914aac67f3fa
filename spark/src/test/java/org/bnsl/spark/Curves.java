package org.bnsl.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.bnsl.law.Bnsl;

/** Seeded test data, and the CLI's own output on it (the CLI run as a process, from cli/target/bnsl.jar). */
final class Curves {
    /** The CLI's jar, built by the reactor before this module (spark/pom.xml's test dependency on bnsl-cli). */
    static final Path CLI = Path.of("..", "cli", "target", "bnsl.jar");

    private Curves() {
    }

    /**
     * Writes a CSV of {@code curves} groups {@code g0000, g0001, …}: 20 points of a 1-break BNSL
     * curve each, x = 10^(4i/19) ascending, with 1% noise (the curves of {@code bnsl bench}'s batch).
     */
    static Path write(Path file, int curves, long seed) {
        Random rnd = new Random(seed);
        Bnsl law = Bnsl.withBreaks(1);
        StringBuilder b = new StringBuilder("group,x,y\n");
        for (int c = 0; c < curves; c++) {
            double[] p = {0.2, 5, 0.2 + 0.2 * rnd.nextDouble(), 0.2 + 0.3 * rnd.nextDouble(), Math.pow(10, 1.5 + 0.5 * rnd.nextDouble()),
                0.05 + 0.3 * rnd.nextDouble()};
            for (int i = 0; i < 20; i++) {
                double x = Math.pow(10, 4.0 * i / 19);
                double y = law.value(p, new double[] {x}) * (1 + 0.01 * rnd.nextGaussian());
                b.append(String.format(Locale.ROOT, "g%04d,%s,%s%n", c, Double.toString(x), Double.toString(y)));
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return append(file, b.toString());
    }

    static Path append(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code bnsl fit FILE --jsonl ARGS} prints, by group name; its exit code must be 0 or 3 (some failed). */
    static Map<String, String> cliJsonl(Path file, String... args) {
        List<String> all = new ArrayList<>(List.of("fit", file.toString(), "--jsonl", "--quiet"));
        all.addAll(List.of(args));
        String[] r = cli(all.toArray(new String[0]));
        if (!r[0].equals("0") && !r[0].equals("3")) {
            throw new AssertionError("bnsl fit exited with " + r[0] + ": " + r[2]);
        }
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : r[1].split("\n")) {
            if (line.isBlank()) continue;
            lines.put(name(line), line);
        }
        return lines;
    }

    /** The group name of a JSON line of {@code bnsl fit --jsonl} (names here are plain). */
    static String name(String line) {
        String rest = line.substring(line.indexOf("\"name\":\"") + 8);
        return rest.substring(0, rest.indexOf('"'));
    }

    /** Runs {@code bnsl ARGS} in a new JVM; returns exit code, stdout and stderr. */
    static String[] cli(String... args) {
        if (!Files.isRegularFile(CLI)) {
            throw new AssertionError(CLI.toAbsolutePath() + " is missing: build it with mvn -pl spark -am package (or verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CLI.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("bnsl-out", ".txt");
            Path err = Files.createTempFile("bnsl-err", ".txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int code = p.waitFor();
            String[] r = {Integer.toString(code), Files.readString(out), Files.readString(err)};
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
