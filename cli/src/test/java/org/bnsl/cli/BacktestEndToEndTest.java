package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Issue 11, item 1: {@code bnsl backtest} on small synthetic corpora written here, and its bad input. */
class BacktestEndToEndTest {
    @TempDir
    Path tmp;

    /**
     * Curves from M2, y = ε∞ + β·x^c (ε∞ = 0.8, β = 6, c = −0.4 to −0.6), 16 points over 4 decades
     * with 0.5% seeded noise; the last 4 (x from 1.6e4 to 1e5, up to 6.3× beyond the fit) are held out.
     */
    private Path m2Corpus(int curves, long seed) {
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder("curve,x,y,better,split\n");
        for (int k = 0; k < curves; k++) {
            double c = -0.4 - 0.2 * rnd.nextDouble();
            for (int i = 0; i < 16; i++) {
                double x = Math.pow(10, 1 + 4.0 * i / 15);
                double y = (0.8 + 6 * Math.pow(x, c)) * (1 + 0.005 * rnd.nextGaussian());
                b.append(String.format(Locale.ROOT, "m2_%d,%.6g,%.8g,lower,%s%n", k, x, y, i >= 12 ? "holdout" : "fit"));
            }
        }
        return Cli.write(tmp, "m2.csv", b.toString());
    }

    private static List<String> names(JsonNode methods) {
        List<String> n = new ArrayList<>();
        methods.forEach(m -> n.add(m.get("name").asText()));
        return n;
    }

    @Test
    void ranksTheTrueLawFirstOnCurvesDrawnFromIt() {
        Path f = m2Corpus(6, 11);
        JsonNode root = Cli.ok("backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split",
                "--candidates", "m1,m2,sigmoid", "--json").json();
        assertThat(root.get("curves").asInt()).isEqualTo(6);
        assertThat(names(root.get("methods"))).containsExactly("m1", "m2", "sigmoid", "auto", "oracle");
        JsonNode m1 = root.get("methods").get(0);
        JsonNode m2 = root.get("methods").get(1);
        JsonNode sigmoid = root.get("methods").get(2);
        assertThat(m2.get("median").asDouble()).isLessThan(m1.get("median").asDouble()).isLessThan(0.01);
        assertThat(m2.get("median").asDouble()).isLessThan(sigmoid.get("median").asDouble());
        assertThat(m2.get("best_count").asInt()).isGreaterThanOrEqualTo(4)
                .isGreaterThan(m1.get("best_count").asInt()).isGreaterThan(sigmoid.get("best_count").asInt());
        assertThat(m2.get("p90").asDouble()).isBetween(m2.get("median").asDouble(), m2.get("worst").asDouble());
        JsonNode oracle = root.get("methods").get(4);
        assertThat(oracle.get("median").asDouble()).isLessThanOrEqualTo(m2.get("median").asDouble());
        assertThat(root.get("coverage").isNull()).isTrue();
        assertThat(root.get("failed")).isEmpty();
        assertThat(root.get("per_curve")).hasSize(6);
        for (JsonNode c : root.get("per_curve")) {
            assertThat(c.get("curve").asText()).startsWith("m2_");
            // the committee median of the candidates (members far worse than the best by rolling-origin score left out)
            assertThat(c.get("pick").asText()).contains("m2");
            assertThat(c.get("rmsle").get("m2").asDouble()).isPositive();
            assertThat(c.get("rmsle").get("auto").asDouble()).isPositive();
            assertThat(c.get("predicted").get("m2")).hasSize(4);
            assertThat(c.get("holdout_y")).hasSize(4);
        }
    }

    @Test
    void autoCanChooseAmongOtherCandidatesThanThoseScored() {
        Path f = m2Corpus(2, 4);
        JsonNode root = Cli.ok("backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split",
                "--candidates", "m1,m2", "--auto-candidates", "m1,power", "--json").json();
        assertThat(root.get("auto_candidates").toString()).isEqualTo("[\"m1\",\"power\"]");
        assertThat(names(root.get("methods"))).containsExactly("m1", "m2", "auto", "oracle");
        root.get("per_curve").forEach(c -> assertThat(c.get("pick").asText()).isEqualTo("committee median of m1, power"));
    }

    @Test
    void reportsTheCoverageOfAutosIntervalsAndIsReproducibleAcrossThreads() {
        Path f = m2Corpus(3, 5);
        String[] args = {"backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split", "--candidates", "m2,m1",
            "--bootstrap", "30", "--seed", "3", "--json"};
        String one = Cli.ok(append(args, "--threads", "1")).out();
        String two = Cli.ok(append(args, "--threads", "2")).out();
        assertThat(stripSeconds(one)).isEqualTo(stripSeconds(two));
        JsonNode root = Cli.ok(args).json();
        double cov = root.get("coverage").asDouble();
        assertThat(cov).isBetween(0.0, 1.0);
        assertThat(root.get("coverage_points").get("covered").asInt()).isEqualTo(12);
        assertThat(root.get("coverage_points").get("inside").asInt()).isEqualTo((int) Math.round(cov * 12));
    }

    @Test
    void textNamesEveryMethodThePicksAndTheCoverage() {
        Path f = m2Corpus(2, 2);
        String out = Cli.ok("backtest", f.toString(), "--x", "x", "--y", "y", "--holdout-above", "2e4", "--candidates", "m2,m1",
                "--bootstrap", "20").out();
        assertThat(out).contains("2 curves").contains("median").contains("p90").contains("worst").contains("oracle")
                .contains("auto's pick per curve").contains("m2_0: ").contains("m2_1: ").contains("coverage of auto's intervals");
    }

    @Test
    void dropsAndCountsPointsThatCannotBeScoredAndFitsRisingMetricsAsRising() {
        String csv = """
                curve,x,y,better,split
                acc,10,0,higher,fit
                acc,20,0.12,higher,fit
                acc,40,0.2,higher,fit
                acc,80,0.27,higher,fit
                acc,160,0.33,higher,fit
                acc,320,0.38,higher,holdout
                acc,640,0.42,higher,holdout
                """;
        Path f = Cli.write(tmp, "acc.csv", csv);
        JsonNode root = Cli.ok("backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split",
                "--candidates", "m2,rectified,bnsl:0", "--json").json();
        assertThat(root.get("unusable_points").asInt()).isEqualTo(1);
        JsonNode c = root.get("per_curve").get(0);
        assertThat(c.get("unusable").asInt()).isEqualTo(1);
        assertThat(c.get("fit_points").asInt()).isEqualTo(4);
        assertThat(c.get("direction").asText()).isEqualTo("up");
        assertThat(c.get("rmsle").get("bnsl:0").asDouble()).isLessThan(0.2);
        List<String> failed = new ArrayList<>();
        root.get("failed").forEach(x -> failed.add(x.get("candidate").asText() + ": " + x.get("reason").asText()));
        assertThat(failed).anySatisfy(s -> assertThat(s).startsWith("rectified: ").contains("rising"));
    }

    @Test
    void aShortCurveGetsACommitteeOfTheLawsItsPointsCanFit() {
        String csv = """
                curve,x,y,split
                short,10,2.0,fit
                short,100,1.5,fit
                short,1000,1.2,fit
                short,10000,1.0,holdout
                """;
        Path f = Cli.write(tmp, "short.csv", csv);
        JsonNode root = Cli.ok("backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split",
                "--candidates", "m1,m2,m4", "--json").json();
        JsonNode c = root.get("per_curve").get(0);
        // 3 points: m1 (2 parameters) and m2 (3); m4 (5) cannot be a member
        assertThat(c.get("pick").asText()).isEqualTo("committee median of m1, m2");
        assertThat(c.get("rmsle").get("auto").asDouble()).isPositive();
        List<String> failed = new ArrayList<>();
        root.get("failed").forEach(x -> failed.add(x.get("curve").asText() + "/" + x.get("candidate").asText() + ": "
                + x.get("reason").asText()));
        assertThat(failed).noneSatisfy(s -> assertThat(s).startsWith("short/auto"));
        JsonNode auto = root.get("methods").get(3);
        assertThat(auto.get("name").asText()).isEqualTo("auto");
        assertThat(auto.get("failed").asInt()).isEqualTo(0);
        assertThat(auto.get("scored").asInt()).isEqualTo(1);
    }

    @Test
    void refusesAFileWithoutASplit() {
        Path f = m2Corpus(1, 1);
        Cli.assertBadInput(Cli.run("backtest", f.toString(), "--x", "x", "--y", "y"), f.toString(), "no split",
                "--split-column");
    }

    @Test
    void refusesASeedWithoutABootstrap() {
        Path f = m2Corpus(1, 1);
        Cli.assertBadInput(Cli.run("backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split", "--seed", "4"),
                "--seed goes with --bootstrap");
    }

    @Test
    void refusesAnUnknownCandidate() {
        Path f = m2Corpus(1, 1);
        Cli.assertBadInput(Cli.run("backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split",
                "--candidates", "m2,chinchila"), "--candidates", "chinchila");
    }

    @Test
    void refusesASplitValueOtherThanFitOrHoldoutNamingLineAndColumn() {
        Path f = Cli.write(tmp, "bad.csv", "curve,x,y,split\na,1,2,fit\na,2,1.5,train\na,4,1.2,holdout\n");
        Cli.assertBadInput(Cli.run("backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split"),
                f + ":3: column 'split'", "'train'", "fit or holdout");
    }

    @Test
    void refusesACurveWithTooFewFitPointsNamingTheFileAndTheCurve() {
        Path f = Cli.write(tmp, "one.csv", "curve,x,y,split\nok,1,2,fit\nok,2,1.5,fit\nok,4,1.2,holdout\n"
                + "lonely,1,2,fit\nlonely,2,1.5,holdout\n");
        Cli.assertBadInput(Cli.run("backtest", f.toString(), "--x", "x", "--y", "y", "--split-column", "split"),
                f.toString(), "curve 'lonely'", "1 fit point", "at least 2");
    }

    @Test
    void refusesACurveWithNothingHeldOut() {
        Path f = Cli.write(tmp, "none.csv", "curve,x,y\na,1,2\na,2,1.5\na,4,1.2\n");
        Cli.assertBadInput(Cli.run("backtest", f.toString(), "--x", "x", "--y", "y", "--holdout-above", "100"),
                f.toString(), "curve 'a'", "no point is held out");
    }

    private static String[] append(String[] a, String... more) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    private static String stripSeconds(String json) {
        return json.replaceAll("\"seconds\" : [0-9.E-]+", "");
    }
}
