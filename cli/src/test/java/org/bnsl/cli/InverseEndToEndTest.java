package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Issue 15 end to end: predict for laws of several variables, inverse prediction, density, transfer, report. */
class InverseEndToEndTest {
    @TempDir
    Path tmp;

    /** Hoffmann et al. 2022's published fit as a model file, so every answer has a closed form. */
    private Path hoffmann() throws IOException {
        return Files.writeString(tmp.resolve("h.json"), """
                {"format": "bnsl-model", "version": 1, "law": "chinchilla", "variables": ["N", "D"],
                 "fitted_with": {"columns": {"N": "params", "D": "tokens"}, "y": "loss", "x_offset": 0.0},
                 "series": [{"name": "h", "parameters": {"E": 1.69, "A": 406.4, "B": 410.7, "alpha": 0.34, "beta": 0.28},
                             "data": {"n": 3}}]}
                """);
    }

    private static double chinchilla(double n, double d) {
        return 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
    }

    @Test
    void aLawOfSeveralVariablesIsPredictedAtPointsByNameOrColumn() throws IOException {
        Path m = hoffmann();
        JsonNode at = Cli.ok("predict", m.toString(), "--at", "N=7e10,D=1.4e12", "--json").json();
        assertThat(at.get("series").get(0).get("predictions").get(0).get("predicted").asDouble())
                .isCloseTo(chinchilla(7e10, 1.4e12), within(1e-12));
        Path pts = Cli.write(tmp, "pts.csv", "tokens,params,other\n1.4e12,7e10,x\n2e10,1e9,y\n");
        JsonNode ps = Cli.ok("predict", m.toString(), "--points", pts.toString(), "--json").json().get("series").get(0).get("predictions");
        assertThat(ps).hasSize(2);
        assertThat(ps.get(1).get("predicted").asDouble()).isCloseTo(chinchilla(1e9, 2e10), within(1e-12));
        assertThat(ps.get(1).get("N").asDouble()).isEqualTo(1e9);
        String text = Cli.ok("predict", m.toString(), "--at", "params=7e10,tokens=1.4e12").out();
        assertThat(text).contains("params").contains("tokens").contains(org.bnsl.Numbers.format(chinchilla(7e10, 1.4e12)));
    }

    /** --target with --at N solves D in closed form: D = (B/(y − E − A/N^α))^(1/β). */
    @Test
    void theVariableLeftOutIsSolvedFor() throws IOException {
        JsonNode r = Cli.ok("predict", hoffmann().toString(), "--target", "2.0", "--at", "N=7e10", "--json").json()
                .get("series").get(0).get("inverse").get(0);
        double d = Math.pow(410.7 / (2.0 - 1.69 - 406.4 / Math.pow(7e10, 0.34)), 1 / 0.28);
        assertThat(r.get("solved").asText()).isEqualTo("tokens");
        assertThat(r.get("value").asDouble()).isCloseTo(d, within(1e-8 * d));
        assertThat(r.get("at").get("N").asDouble()).isEqualTo(7e10);
    }

    /** Without --at, a law in N and D answers with plan --target-loss's compute-optimal run (the same code). */
    @Test
    void aLawInNAndDAnswersComputeOptimally() throws IOException {
        Path m = hoffmann();
        JsonNode inv = Cli.ok("predict", m.toString(), "--target", "2.2", "--json").json().get("series").get(0).get("inverse").get(0);
        JsonNode plan = Cli.ok("plan", m.toString(), "--target-loss", "2.2", "--json").json().get("plans").get(0);
        assertThat(inv.get("budget").asDouble()).isEqualTo(plan.get("budget").asDouble());
        assertThat(inv.get("N").asDouble()).isEqualTo(plan.get("N").asDouble());
        assertThat(inv.get("D").asDouble()).isEqualTo(plan.get("D").asDouble());
        JsonNode below = Cli.ok("predict", m.toString(), "--target", "1.5", "--json").json().get("series").get(0).get("inverse").get(0);
        assertThat(below.get("reached").asBoolean()).isFalse();
        assertThat(below.get("reason").asText()).contains("floor E = 1.69");
    }

    /** 4-digit addition: 0.3 is below the fitted floor; 0.6 is reached between the held-out 864 and 928. */
    @Test
    void fourDigitAdditionInverse() {
        Path model = tmp.resolve("a.json");
        Cli.ok("fit", Cli.example("four_digit_addition.csv").toString(), "--x", "dataset_size", "--y", "test_cross_entropy",
                "--breaks", "1", "--holdout-above", "736", "--bootstrap", "100", "--out", model.toString());
        String text = Cli.ok("predict", model.toString(), "--target", "0.3").out();
        assertThat(text).contains("target 0.3: not reached").contains("below the lowest value the law takes for dataset_size")
                .contains("(its floor)");
        JsonNode r = Cli.ok("predict", model.toString(), "--target", "0.6", "--json").json().get("series").get(0).get("inverse").get(0);
        assertThat(r.get("value").asDouble()).isBetween(864.0, 928.0);
        assertThat(r.get("lo").asDouble()).isLessThan(r.get("value").asDouble());
        assertThat(r.get("hi").asDouble()).isGreaterThan(r.get("value").asDouble());
        assertThat(r.get("resamples_reaching").asInt()).isEqualTo(100);
    }

    @Test
    void aLawOfOneVariableIsPredictedAtANumberOrAtItsNamedVariable() {
        Path model = tmp.resolve("one.json");
        Cli.ok("fit", Cli.example("four_digit_addition.csv").toString(), "--x", "dataset_size", "--y", "test_cross_entropy",
                "--breaks", "1", "--out", model.toString());
        double plain = Cli.ok("predict", model.toString(), "--at", "7360", "--json").json().get("series").get(0).get("predictions")
                .get(0).get("predicted").asDouble();
        for (String named : new String[] {"dataset_size=7360", "x=7360"}) {
            assertThat(Cli.ok("predict", model.toString(), "--at", named, "--json").json().get("series").get(0).get("predictions")
                    .get(0).get("predicted").asDouble()).as(named).isEqualTo(plain);
        }
        Cli.Result bad = Cli.run("predict", model.toString(), "--at", "tokens=7360");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown variable 'tokens'; the law's variable is dataset_size");
    }

    /** A rising metric: coverage exp(−1.6·k^(−0.45)) reaches 0.9 at k = 422.1, inside the interval. */
    @Test
    void aRisingMetricIsInvertedWithItsInterval() {
        Path model = tmp.resolve("c.json");
        Cli.ok("fit", Cli.example("inference_coverage_synthetic.csv").toString(), "--formula", "exp(-a*x^(-b))", "--x", "samples",
                "--y", "coverage", "--bootstrap", "200", "--out", model.toString());
        JsonNode r = Cli.ok("predict", model.toString(), "--target", "0.9", "--json").json().get("series").get(0).get("inverse").get(0);
        double truth = Math.pow(Math.log(0.9) / -1.6, -1 / 0.45);
        assertThat(r.get("lo").asDouble()).isLessThan(truth);
        assertThat(r.get("hi").asDouble()).isGreaterThan(truth);
    }

    @Test
    void densityWritesItsPlotAndReportsTheDoublingTime() throws IOException {
        Path plot = tmp.resolve("d.svg");
        String text = Cli.ok("density", "--preset", "hoffmann2022", "--models", Cli.example("densing_synthetic.csv").toString(),
                "--score", "loss", "--bootstrap", "200", "--plot", plot.toString()).out();
        assertThat(text).contains("doubling time: ").contains("months").contains("model-60");
        assertThat(Files.readString(plot)).contains("<svg");
        JsonNode j = Cli.ok("density", "--preset", "hoffmann2022", "--models", Cli.example("densing_synthetic.csv").toString(),
                "--score", "loss", "--bootstrap", "200", "--json").json();
        assertThat(j.get("doubling_months").asDouble()).isCloseTo(3.3, within(0.1));
        assertThat(j.get("doubling_months_lo").asDouble()).isLessThan(3.3);
        assertThat(j.get("doubling_months_hi").asDouble()).isGreaterThan(3.3);
    }

    /**
     * A reference law of one variable, y = 10·N^(−0.1) (power), inverts to N̂ = (10/y)^10: three
     * models of N = 1e9 with N̂ = 1e9, 2e9, 4e9 released on days 0, 31 and 60 have ρ = 1, 2, 4, all on
     * the envelope, and the line is the least-squares one through (t, ln ρ).
     */
    @Test
    void densityWithAReferenceLawOfOneVariable() throws IOException {
        Path ref = Files.writeString(tmp.resolve("ref.json"), """
                {"format": "bnsl-model", "version": 1, "law": "power", "variables": ["x"],
                 "fitted_with": {"columns": {"x": "params"}, "y": "score", "x_offset": 0.0},
                 "series": [{"name": "ref", "parameters": {"b": 10, "c": 0.1}, "data": {"n": 5, "x_min": 1e6, "x_max": 1e10}}]}
                """);
        StringBuilder csv = new StringBuilder("name,released,params,score\n");
        String[] dates = {"2024-01-01", "2024-02-01", "2024-03-01"};
        for (int i = 0; i < 3; i++) {
            csv.append("m").append(i).append(',').append(dates[i]).append(",1e9,").append(10 * Math.pow(1e9 * Math.pow(2, i), -0.1)).append('\n');
        }
        Path models = Cli.write(tmp, "models.csv", csv.toString());
        JsonNode j = Cli.ok("density", ref.toString(), "--models", models.toString(), "--bootstrap", "50", "--json").json();
        for (int i = 0; i < 3; i++) {
            JsonNode m = j.get("models").get(i);
            assertThat(m.get("effective_N").asDouble()).isCloseTo(1e9 * Math.pow(2, i), within(1e9 * 1e-9));
            assertThat(m.get("envelope").asBoolean()).isTrue();
        }
        double[] t = {0, 31, 60};
        double mt = (t[0] + t[1] + t[2]) / 3;
        double my = Math.log(2);
        double stt = 0;
        double sty = 0;
        for (int i = 0; i < 3; i++) {
            stt += (t[i] - mt) * (t[i] - mt);
            sty += (t[i] - mt) * (i * Math.log(2) - my);
        }
        assertThat(j.get("doubling_days").asDouble()).isCloseTo(Math.log(2) / (sty / stt), within(1e-6));
    }

    /** A law of three variables: the report is written, with a sentence where the plot would be. */
    @Test
    void reportOnALawOfThreeVariablesLeavesOutOnlyThePlot() throws IOException {
        Path out = tmp.resolve("r.html");
        Cli.ok("report", Cli.example("muennighoff2023_runs.csv").toString(), "--law", "data-constrained", "--var", "N=params",
                "--var", "D=tokens", "--var", "U=unique_tokens", "--y", "loss", "--out", out.toString());
        String html = Files.readString(out);
        assertThat(html).contains("No plot: law data-constrained has 3 variables").contains("Fitted laws").contains("rstar_d")
                .doesNotContain("<svg");
    }
}
