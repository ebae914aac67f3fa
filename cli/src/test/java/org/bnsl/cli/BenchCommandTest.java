package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The bench command runs and reports each case; its figures are not asserted (speed is not tested). */
class BenchCommandTest {
    @Test
    void reportsMedianAndSpreadForEachCase() {
        Cli.Result r = Cli.run("bench", "--runs", "1", "--warmup", "0");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1-break BNSL, 4-digit addition").contains("3-break BNSL, 60 synthetic points")
                .contains("median").contains("p90");
    }

    @Test
    void refusesZeroRuns() {
        Cli.Result r = Cli.run("bench", "--runs", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("bnsl: ");
    }

    /**
     * A two-source corpus written here: per file, per source and overall summaries; a curve with a
     * bad split value and a y ≤ 0 point are reported, not fatal.
     */
    @Test
    void corpusReportsPerFilePerSourceAndOverall(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("alpha"));
        Files.createDirectories(tmp.resolve("beta"));
        StringBuilder a = new StringBuilder("curve,x,y,better,split,extra\n");
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 8; i++) {
                double x = Math.pow(2, i);
                a.append("a").append(k).append(',').append(x).append(',').append(1 + (2 + k) * Math.pow(x, -0.5))
                        .append(",lower,").append(i >= 6 ? "holdout" : "fit").append(",z\n");
            }
        }
        Cli.write(tmp.resolve("alpha"), "curves_a.csv", a.toString());
        Cli.write(tmp.resolve("alpha"), "runs_ignored.csv", "not,a,corpus\n");
        Cli.write(tmp.resolve("beta"), "curves_b.csv", """
                curve,x,y,better,split
                b0,1,0.1,higher,fit
                b0,2,0.2,higher,fit
                b0,4,0,higher,fit
                b0,8,0.3,higher,fit
                b0,16,0.35,higher,fit
                b0,32,0.4,higher,holdout
                bad,1,2,lower,fit
                bad,2,1,lower,train
                bad,4,0.5,lower,holdout
                """);
        Cli.Result r = Cli.ok("bench", "--corpus", tmp.toString(), "--candidates", "m1,m2", "--json", "--quiet");
        JsonNode root = r.json();
        assertThat(root.get("sources")).hasSize(2);
        JsonNode alpha = root.get("sources").get(0);
        assertThat(alpha.get("name").asText()).isEqualTo("alpha");
        assertThat(alpha.get("files")).hasSize(1);
        assertThat(alpha.get("files").get(0).get("name").asText()).isEqualTo("curves_a.csv");
        assertThat(alpha.get("curves").asInt()).isEqualTo(2);
        assertThat(alpha.get("methods")).hasSize(4);
        assertThat(alpha.get("methods").get(1).get("name").asText()).isEqualTo("m2");
        assertThat(alpha.get("methods").get(1).get("median").asDouble()).isLessThan(1e-3);
        JsonNode beta = root.get("sources").get(1);
        JsonNode bfile = beta.get("files").get(0);
        assertThat(bfile.get("unusable_points").asInt()).isEqualTo(1);
        assertThat(bfile.get("failed").toString()).contains("\"curve\":\"bad\"").contains("'train'");
        JsonNode overall = root.get("overall");
        assertThat(overall.get("curves").asInt()).isEqualTo(4);
        assertThat(overall.get("unusable_points").asInt()).isEqualTo(1);
        assertThat(overall.get("methods").get(3).get("name").asText()).isEqualTo("oracle");
        assertThat(overall.get("coverage").isNull()).isTrue();

        String text = Cli.ok("bench", "--corpus", tmp.toString(), "--candidates", "m2", "--quiet").out();
        assertThat(text).contains("alpha/curves_a.csv").contains("source alpha").contains("source beta").contains("overall")
                .contains("unusable points dropped (y ≤ 0): 1");
    }

    @Test
    void corpusOptionsOutsideCorpusModeAndTimingOptionsInItAreRefused(@TempDir Path tmp) {
        Cli.assertBadInput(Cli.run("bench", "--bootstrap", "10"), "--bootstrap goes with --corpus");
        Cli.assertBadInput(Cli.run("bench", "--corpus", tmp.toString(), "--runs", "3"), "--runs goes with the timings");
        Cli.assertBadInput(Cli.run("bench", "--corpus", tmp.toString(), "--choice"), "--corpus or --choice");
    }

    @Test
    void corpusWithoutCurveFilesIsBadInput(@TempDir Path tmp) {
        Cli.assertBadInput(Cli.run("bench", "--corpus", tmp.toString()), "--corpus", "no curves_*.csv");
    }
}
