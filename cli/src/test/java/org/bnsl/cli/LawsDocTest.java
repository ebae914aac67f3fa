package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/LAWS.md run end to end (issue 15): every {@code bnsl} command of its {@code sh} blocks is run
 * in process, in order, from a scratch folder ({@code examples/NAME} is the repository's file; a bare
 * file name is in the scratch folder), and every {@code <!-- check: PATH OP VALUE -->} comment tests
 * the JSON that the last command of the block above it printed: {@code ≈ V ± T} (a number within T
 * of V), {@code = V} (equal, as a number or as text) or {@code ~ TEXT} (contains).
 */
class LawsDocTest {
    private static final Pattern CHECK = Pattern.compile("<!-- check: (\\S+) (≈|=|~) (.+?) -->");
    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Pattern LOCAL_FILE = Pattern.compile("[\\w.-]+\\.(json|csv|svg|png|html)");

    /** A fenced sh block: its commands, the checks after it, and where it starts. */
    record Block(int line, List<String> commands, List<String> checks) {
    }

    static Path doc() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path file = module.getParent().resolve("docs").resolve("LAWS.md");
        assertThat(file).as("docs/LAWS.md").isRegularFile();
        return file;
    }

    static List<Block> blocks() throws IOException {
        List<String> lines = Files.readAllLines(doc());
        List<Block> out = new ArrayList<>();
        Block current = null;
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("```sh")) {
                inBlock = true;
                current = new Block(i + 1, new ArrayList<>(), new ArrayList<>());
                out.add(current);
            } else if (l.startsWith("```")) {
                inBlock = false;
            } else if (inBlock && l.startsWith("bnsl ")) {
                current.commands().add(l.substring(5));
            } else if (!inBlock && current != null && l.startsWith("<!-- check:")) {
                current.checks().add(l);
            }
        }
        return out;
    }

    @Test
    void everySectionHasACheckedCommand() throws IOException {
        List<Block> bs = blocks();
        assertThat(bs).hasSizeGreaterThanOrEqualTo(12);
        assertThat(bs).allSatisfy(b -> assertThat(b.commands()).as("block at line %d", b.line()).isNotEmpty());
        assertThat(bs.stream().mapToInt(b -> b.checks().size()).sum()).isGreaterThanOrEqualTo(40);
        String text = Files.readString(doc());
        for (String law : List.of("## Transfer", "## Densing law", "## Inference-time compute", "## Chinchilla-efficient closed forms",
                "## Chinchilla L(N, D)", "## Data-constrained scaling", "## Rectified law for fine-tuning",
                "## Broken neural scaling law")) {
            assertThat(text).contains(law);
        }
    }

    @Test
    void everyCommandRunsAndEveryFigureHolds(@TempDir Path tmp) throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (Block b : blocks()) {
            Cli.Result last = null;
            for (String c : b.commands()) {
                last = Cli.run(args(c, tmp));
                assertThat(last.code()).as("LAWS.md line %d: bnsl %s%n%s", b.line(), c, last).isZero();
            }
            if (b.checks().isEmpty()) continue;
            JsonNode json = last.json();
            for (String check : b.checks()) {
                Matcher m = CHECK.matcher(check);
                assertThat(m.matches()).as("malformed check: %s", check).isTrue();
                JsonNode node = at(json, m.group(1));
                String what = "LAWS.md block at line " + b.line() + ": " + m.group(1);
                soft.assertThat(node.isMissingNode()).as("%s is in the output", what).isFalse();
                switch (m.group(2)) {
                    case "≈" -> {
                        String[] vt = m.group(3).split(" ± ");
                        double v = Double.parseDouble(vt[0]);
                        double t = Double.parseDouble(vt[1]);
                        soft.assertThat(node.asDouble(Double.NaN)).as(what).isBetween(v - t, v + t);
                    }
                    case "=" -> {
                        if (node.isNumber()) {
                            soft.assertThat(node.asDouble()).as(what).isEqualTo(Double.parseDouble(m.group(3)));
                        } else {
                            soft.assertThat(node.asText()).as(what).isEqualTo(m.group(3));
                        }
                    }
                    default -> soft.assertThat(node.asText()).as(what).contains(m.group(3));
                }
            }
        }
        soft.assertAll();
    }

    /** The command's arguments: quoted strings kept whole, example files and bare file names resolved. */
    private static String[] args(String command, Path tmp) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(command);
        while (m.find()) {
            String t = m.group(1) != null ? m.group(1) : m.group(2);
            if (m.group(2) != null && t.startsWith("examples/")) {
                t = Cli.example(t.substring("examples/".length())).toString();
            } else if (m.group(2) != null && LOCAL_FILE.matcher(t).matches()) {
                t = tmp.resolve(t).toString();
            }
            out.add(t);
        }
        return out.toArray(String[]::new);
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String p : path.split("\\.")) {
            n = p.chars().allMatch(Character::isDigit) ? n.path(Integer.parseInt(p)) : n.path(p);
        }
        return n;
    }
}
