package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs the {@code bnsl} command in process, and the few checks every end-to-end test shares. */
final class Cli {
    /** Rejects anything after the first JSON value, so "stdout is one JSON document" is checked. */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }

        /** stdout parsed as exactly one JSON document (fails on text before or after it). */
        JsonNode json() {
            try {
                return STRICT.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + out, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs and asserts success (exit 0) of a fit that warns: every line on stderr is a
     * {@code bnsl: warning: } line (issue 12: a flagged fit exits 0 and says why on stderr).
     */
    static Result warned(String... args) {
        Result r = run(args);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.errLines()).as("stderr").isNotEmpty().allMatch(l -> l.startsWith("bnsl: warning: "));
        return r;
    }

    /** Runs and asserts success with nothing on stderr. */
    static Result ok(String... args) {
        Result r = run(args);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).as("stderr").isEmpty();
        return r;
    }

    /**
     * Asserts the contract for bad input: exit code 2, nothing on stdout, one {@code bnsl: } line
     * on stderr (plus picocli's "Try ... --help" line for usage errors), no stack trace, and the
     * message containing every fragment.
     */
    static void assertBadInput(Result r, String... fragments) {
        assertThat(r.code()).as("exit code of%n%s", r).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).as("stdout").isEmpty();
        List<String> lines = r.errLines();
        assertThat(lines).as("stderr lines").isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(lines.get(0)).startsWith("bnsl: ");
        if (lines.size() == 2) {
            assertThat(lines.get(1)).as("second stderr line").startsWith("Try '").endsWith("--help' for more information.");
        }
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("\tat ");
        assertThat(lines.get(0)).contains(fragments);
    }

    /**
     * A file of the public data sets bundled in the repository's {@code examples/} (beside this
     * module's folder, {@code basedir}, which surefire sets); fails (never skips) when it is missing.
     */
    static Path example(String name) {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path file = module.getParent().resolve("examples").resolve(name);
        assertThat(file).as("example data file").isRegularFile();
        return file;
    }

    /** The names in a folder, sorted, to show that a failed run left nothing behind. */
    static List<String> listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The BNSL of Caballero et al. 2022 eq. 1, evaluated directly with {@code Math.pow} as an
     * independent check of the law's log-space evaluation: a + b·x^(−c0)·∏(1 + (x/dᵢ)^(1/fᵢ))^(−cᵢ·fᵢ).
     */
    static double bnsl(JsonNode p, double x) {
        double y = p.get("b").asDouble() * Math.pow(x, -p.get("c0").asDouble());
        for (int i = 1; p.has("d" + i); i++) {
            double c = p.get("c" + i).asDouble();
            double d = p.get("d" + i).asDouble();
            double f = p.get("f" + i).asDouble();
            y *= Math.pow(1 + Math.pow(x / d, 1 / f), -c * f);
        }
        return p.get("a").asDouble() + y;
    }
}
