package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad inputs (issue 10), kept as data in {@code catalogue/cases.tsv} with its
 * input files in {@code catalogue/files/}. Every case must end with its exit code and exactly one
 * {@code bnsl: } line on stderr holding its phrase (picocli's "Try ... --help" line may follow),
 * no stack trace, no file left behind and every input byte for byte as before; with exit code 2
 * also nothing on stdout.
 */
class CatalogueTest {
    /** One line of the catalogue. */
    record Case(String id, String setup, String args, int exit, String phrase) {
        @Override
        public String toString() {
            return id;
        }
    }

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private static Path resource(String name) {
        try {
            return Path.of(CatalogueTest.class.getResource("/catalogue/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(resource("cases.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 5) throw new IllegalStateException("cases.tsv: expected 5 tab-separated fields: " + line);
            cases.add(new Case(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]));
        }
        return cases;
    }

    @Test
    void theCatalogueHoldsAtLeastSixtyDistinctCases() throws IOException {
        List<Case> all = cases();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all.stream().map(Case::id).distinct().count()).isEqualTo(all.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsOneClearLine(Case c, @TempDir Path dir) throws IOException {
        boolean permissions = c.setup().contains("readonly") || c.setup().contains("unreadable");
        Assumptions.assumeFalse(ROOT && permissions, "root ignores file permissions");
        try (Stream<Path> files = Files.list(resource("files"))) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dir.resolve(f.getFileName()));
        }
        setUp(dir, c.setup());
        Map<String, String> before = snapshot(dir);
        String[] args = split(c.args()).stream().map(a -> a.replace("{d}", dir.toString())
                .replace("{nested-where}", "(".repeat(2000) + "x > 0" + ")".repeat(2000))
                .replace("{nested-formula}", "(".repeat(2000) + "a*x^b" + ")".repeat(2000))).toArray(String[]::new);
        Cli.Result r;
        Map<String, String> after;
        try {
            r = Cli.run(args);
            after = snapshot(dir); // before the permissions are restored, so an unreadable input reads the same
        } finally {
            restorePermissions(dir);
        }
        assertThat(r.code()).as("exit code of%n%s", r).isEqualTo(c.exit());
        if (c.exit() == Main.BAD_INPUT) {
            assertThat(r.out()).as("stdout of%n%s", r).isEmpty(); // exit 3 prints the groups that did fit
        }
        List<String> lines = r.errLines();
        assertThat(lines.stream().filter(l -> l.startsWith("bnsl: ")).count()).as("'bnsl: ' lines in%n%s", r).isEqualTo(1);
        assertThat(lines.get(0)).as("first stderr line").startsWith("bnsl: ").contains(c.phrase().replace("{d}", dir.toString()));
        if (lines.size() > 1) {
            assertThat(lines).as("stderr").hasSize(2);
            assertThat(lines.get(1)).startsWith("Try '").endsWith("--help' for more information.");
        }
        assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
        assertThat(after).as("files and their contents after the run").isEqualTo(before);
    }

    /** The setup actions of a case (see the head of cases.tsv). */
    private static void setUp(Path dir, String setup) throws IOException {
        if (setup.equals("-")) return;
        for (String action : setup.split(";")) {
            String[] a = action.trim().split(" ");
            Path p = dir.resolve(a[1]);
            switch (a[0]) {
                case "link" -> Files.createSymbolicLink(p, Path.of(a[2]));
                case "linkdir" -> Files.createSymbolicLink(p, dir);
                case "mkdir" -> Files.createDirectory(p);
                case "readonly" -> {
                    Files.createDirectory(p);
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r-xr-xr-x"));
                }
                case "unreadable" -> Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
                case "huge-number" -> Files.writeString(p, "x,y\n1," + "9".repeat(5_000_000) + "\n2,1\n3,0.5\n");
                case "deep-json" -> Files.writeString(p, "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
                case "huge-text" -> Files.writeString(p, "x,y\n1," + "a".repeat(5_000_000) + "\n2,1\n3,0.5\n");
                default -> throw new IllegalStateException("unknown setup action: " + action);
            }
        }
    }

    private static void restorePermissions(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    /** Every path under the folder (links not followed) with a digest of its content or link target. */
    private static Map<String, String> snapshot(Path dir) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(key, Files.isReadable(p) ? digest(Files.readAllBytes(p)) : "unreadable");
                } else {
                    m.put(key, "folder");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static String digest(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits on spaces; '…' quotes one argument. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char ch : s.toCharArray()) {
            if (ch == '\'') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
                if (any || cur.length() > 0) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(ch);
            }
        }
        if (any || cur.length() > 0) out.add(cur.toString());
        return out;
    }
}
