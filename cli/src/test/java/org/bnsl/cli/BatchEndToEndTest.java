package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Issue 7 end to end: many groups, streamed in input order, failed groups as error records. */
class BatchEndToEndTest {
    @TempDir
    Path tmp;

    /** 2,000 power-law curves of 8 points each; three groups are poisoned. */
    private Path batch() {
        StringBuilder csv = new StringBuilder("group,x,y\n");
        Random r = new Random(2000);
        for (int g = 0; g < 2000; g++) {
            String name = String.format(Locale.ROOT, "curve-%04d", g);
            double a = 0.5 + r.nextDouble();
            double b = 1 + 4 * r.nextDouble();
            double c = 0.1 + 0.5 * r.nextDouble();
            int points = g == 17 ? 2 : 8; // poisoned: too few points
            for (int i = 0; i < points; i++) {
                double x = Math.pow(10, 1 + 0.5 * i);
                double y = (a + b * Math.pow(x, -c)) * (1 + 0.005 * r.nextGaussian());
                String ys = g == 1000 ? "NaN" : g == 1999 && i == 3 ? "-1" : Double.toString(y); // poisoned: all-NaN, y < 0
                csv.append(name).append(',').append(x).append(',').append(ys).append('\n');
            }
        }
        return Cli.write(tmp, "batch.csv", csv.toString());
    }

    @Test
    void twoThousandGroupsWithThreePoisonedOnesStreamInInputOrder() throws Exception {
        Path in = batch();
        Cli.Result r = Cli.run("fit", in.toString(), "--x", "x", "--y", "y", "--group", "group", "--breaks", "0", "--jsonl");
        assertThat(r.code()).isEqualTo(Main.SOME_FAILED);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2000);
        ObjectMapper m = new ObjectMapper();
        int ok = 0;
        int failed = 0;
        for (int g = 0; g < lines.size(); g++) {
            JsonNode n = m.readTree(lines.get(g));
            assertThat(n.get("name").asText()).isEqualTo(String.format(Locale.ROOT, "curve-%04d", g));
            if (n.has("error")) {
                failed++;
                assertThat(g).isIn(17, 1000, 1999);
            } else {
                ok++;
                assertThat(n.get("parameters").get("c0").isNumber()).isTrue();
            }
        }
        assertThat(ok).isEqualTo(1997);
        assertThat(failed).isEqualTo(3);
        assertThat(m.readTree(lines.get(17)).get("error").asText()).contains("2 points");
        assertThat(m.readTree(lines.get(1000)).get("error").asText()).contains("batch.csv:").contains("NaN");
        assertThat(m.readTree(lines.get(1999)).get("error").asText()).contains("not positive");
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("bnsl: 3 of 2000 groups failed");
    }

    @Test
    void outputIsTheSameOnOneThreadAndOnTwo() {
        Path in = batch();
        String[] base = {"fit", in.toString(), "--x", "x", "--y", "y", "--group", "group", "--breaks", "0", "--jsonl", "--threads"};
        String[] one = java.util.Arrays.copyOf(base, base.length + 1);
        String[] two = java.util.Arrays.copyOf(base, base.length + 1);
        one[base.length] = "1";
        two[base.length] = "2";
        Cli.Result a = Cli.run(one);
        Cli.Result b = Cli.run(two);
        assertThat(a.code()).isEqualTo(Main.SOME_FAILED);
        assertThat(a.out()).isEqualTo(b.out());
    }

    /** A file sorted by group streams (--sorted) to exactly the output of reading it whole. */
    @Test
    void sortedStreamingGivesTheSameOutput() {
        Path in = batch();
        Cli.Result whole = Cli.run("fit", in.toString(), "--x", "x", "--y", "y", "--group", "group", "--breaks", "0", "--jsonl");
        Cli.Result streamed = Cli.run("fit", in.toString(), "--x", "x", "--y", "y", "--group", "group", "--breaks", "0", "--jsonl",
                "--sorted");
        assertThat(streamed.code()).isEqualTo(Main.SOME_FAILED);
        assertThat(streamed.out()).isEqualTo(whole.out());
        assertThat(streamed.err()).isEqualTo(whole.err());
    }

    @Test
    void sortedRefusesAFileThatIsNot() {
        Path in = Cli.write(tmp, "unsorted.csv", "group,x,y\na,1,5\na,2,4\na,3,3.5\na,4,3.2\nb,1,5\nb,2,4\nb,3,3.5\nb,4,3\na,5,3\n");
        Cli.Result r = Cli.run("fit", in.toString(), "--x", "x", "--y", "y", "--group", "group", "--breaks", "0", "--jsonl",
                "--sorted");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("unsorted.csv:10: group 'a' appears again").doesNotContain("Exception");
    }
}
