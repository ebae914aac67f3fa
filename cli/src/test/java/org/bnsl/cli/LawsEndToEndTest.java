package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Issue 3 end to end: the laws of the field and user formulas, fitted through the CLI on the bundled example data. */
class LawsEndToEndTest {
    @TempDir
    Path tmp;

    private static String[] chinchilla(String... more) {
        List<String> a = new ArrayList<>(List.of("fit", Cli.example("hoffmann2022_fig4_epoch_extraction.csv").toString(),
                "--var", "N=params", "--var", "D=tokens", "--y", "loss", "--loss", "huber:1e-3", "--where", "loss < 3.4469", "--json"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** Besiroglu et al. 2024 (Epoch AI): 4,500-start L-BFGS grid refit of Hoffmann et al. 2022, Figure 4 data. */
    @Test
    void chinchillaReproducesEpochsRefit() {
        JsonNode s = Cli.ok(chinchilla("--law", "chinchilla")).json().get("series").get(0);
        assertThat(s.get("train").get("n").asInt()).isEqualTo(240);
        assertThat(s.get("loss").asDouble()).isLessThanOrEqualTo(0.0010183);
        JsonNode p = s.get("parameters");
        assertThat(p.get("A").asDouble()).isCloseTo(477.8, within(477.8 * 0.01));
        assertThat(p.get("B").asDouble()).isCloseTo(2143.9, within(2143.9 * 0.01));
        assertThat(p.get("E").asDouble()).isCloseTo(1.817, within(1.817 * 0.01));
        assertThat(p.get("alpha").asDouble()).isCloseTo(0.3473, within(0.3473 * 0.01));
        assertThat(p.get("beta").asDouble()).isCloseTo(0.3672, within(0.3672 * 0.01));
        assertThat(s.get("variables").get("N").asText()).isEqualTo("params");
    }

    @Test
    void theSameLawWrittenAsAFormulaGivesTheSameParameters() {
        JsonNode law = Cli.ok(chinchilla("--law", "chinchilla")).json().get("series").get(0).get("parameters");
        JsonNode formula = Cli.ok(chinchilla("--formula", "E + A/N^alpha + B/D^beta")).json().get("series").get(0);
        assertThat(formula.get("law").asText()).isEqualTo("formula");
        assertThat(formula.get("formula").asText()).isEqualTo("E + A/N^alpha + B/D^beta");
        for (String name : List.of("E", "A", "B", "alpha", "beta")) {
            double a = law.get(name).asDouble();
            assertThat(formula.get("parameters").get(name).asDouble()).as(name).isCloseTo(a, within(5e-4 * Math.abs(a)));
        }
    }

    /** Lin et al. 2024's rectified law on their fine-tuning curves, predicting 819,200 examples. */
    @Test
    void rectifiedLawPredictsTheNextFineTuningScale() {
        Cli.Result r = Cli.warned("fit", Cli.example("flan.csv").toString(), "--law", "rectified", "--x", "finetune_examples",
                "--y", "loss", "--group", "model", "--holdout-above", "409600", "--json");
        // 11 of the curves end with C on its lower bound 0: the first five say so on stderr, then a count
        assertThat(r.errLines()).hasSize(6).last().isEqualTo("bnsl: warning: 6 more of the 14 fits have warnings; each is in its output");
        JsonNode root = r.json();
        assertThat(root.get("series")).hasSize(14);
        // the point at 0 examples is used: 0, 200, …, 409600 are 13 points
        root.get("series").forEach(s -> assertThat(s.get("train").get("n").asInt()).isEqualTo(13));
        JsonNode hold = root.get("summary").get("holdout");
        assertThat(hold.get("n").asInt()).isEqualTo(14);
        // a multi-start scipy fit of the same law: pooled R² 0.777, median RMSLE 0.0148
        assertThat(hold.get("r2_pooled").asDouble()).isGreaterThanOrEqualTo(0.77);
        assertThat(hold.get("rmsle_median").asDouble()).isLessThanOrEqualTo(0.016);
    }

    private static String[] dataConstrained(String... more) {
        List<String> a = new ArrayList<>(List.of("fit", Cli.example("muennighoff2023_runs.csv").toString(), "--law", "data-constrained",
                "--var", "N=params", "--var", "D=tokens", "--var", "U=unique_tokens", "--y", "loss",
                "--holdout-where", "tokens >= 6e11 or params >= 4.2465e9"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /**
     * Muennighoff et al. 2023 on the corrected file (tokens seen >= unique tokens), with the SLDBench
     * split: the 21 runs with tokens >= 6e11 or params >= 4.2465e9 held out, 161 fitted. By default E
     * is bounded by the fitted runs' smallest loss (2.574117), which the optimum lies under, so the
     * bound does not act: train Σ(ln ŷ − ln y)² 0.6209745, held-out R² 0.8724, E = 2.3808, R*_D = 18.55
     * (bnsl, 32 starts). The smallest loss in the file, 2.336741 (run 8b7178b178b), is a held-out one;
     * bounding E by it as well, which only the held-out runs tell, gives train 0.6219644 and R² 0.8927,
     * as a 108-start scipy fit does (0.6220 and 0.893; the published constants give 0.883).
     */
    @Test
    void dataConstrainedLawOnTheSldbenchSplit() {
        JsonNode s = Cli.ok(dataConstrained("--json")).json().get("series").get(0);
        assertThat(s.get("train").get("n").asInt()).isEqualTo(161);
        assertThat(s.get("holdout").get("n").asInt()).isEqualTo(21);
        assertThat(s.get("loss").asDouble()).isCloseTo(0.6209745, within(1e-6));
        assertThat(s.get("holdout").get("r2").asDouble()).isCloseTo(0.8724, within(1e-4));
        assertThat(s.get("parameters").get("E").asDouble()).isCloseTo(2.3808, within(1e-4)).isLessThan(2.574117);
        assertThat(s.get("parameters").get("rstar_d").asDouble()).isCloseTo(18.55, within(0.01));
        assertThat(s.get("warnings")).isEmpty();
        JsonNode first = s.get("holdout").get("points").get(0);
        assertThat(first.has("N")).isTrue();
        assertThat(first.has("U")).isTrue();

        Cli.Result warned = Cli.warned(dataConstrained("--bound", "E=0..2.336741", "--json"));
        assertThat(warned.errLines()).containsExactly(
                "bnsl: warning: series muennighoff2023_runs: E = 2.33674 ended on its upper bound 2.33674 (your --bound)");
        JsonNode b = warned.json().get("series").get(0);
        assertThat(b.get("loss").asDouble()).isLessThanOrEqualTo(0.6225).isCloseTo(0.6219644, within(1e-6));
        assertThat(b.get("holdout").get("r2").asDouble()).isGreaterThanOrEqualTo(0.89);
        assertThat(b.get("parameters").get("E").asDouble()).isEqualTo(2.336741);
        assertThat(b.get("warnings")).hasSize(1);
        assertThat(b.get("warnings").get(0).asText()).isEqualTo("E = 2.33674 ended on its upper bound 2.33674 (your --bound)");
    }

    /** The text output says what the JSON's warnings say, under the parameters. */
    @Test
    void warningsAreReportedInText() {
        String text = Cli.warned(dataConstrained("--bound", "E=0..2.336741")).out();
        assertThat(text).contains("    rstar_d = 19.1562\n  warning: E = 2.33674 ended on its upper bound 2.33674 (your --bound)\n");
        // the collected file's labels (tokens and unique tokens swapped): R*_D never acts and says so
        String old = Cli.warned("fit", Cli.example("muennighoff2023_runs.csv").toString(), "--law", "data-constrained",
                "--var", "N=params", "--var", "D=unique_tokens", "--var", "U=tokens", "--y", "loss").out();
        assertThat(old).containsPattern("\n  warning: rstar_d = [0-9.]+ did not move from its start: the data do not determine it\n");
    }

    @Test
    void lawsListsEveryLawWithItsFormula() {
        String out = Cli.ok("laws").out();
        for (String name : List.of("bnsl", "power", "offset-power", "m1", "m2", "m3", "m4", "chinchilla", "kaplan",
                "data-constrained", "precision", "rectified", "sigmoid", "vit", "nmt")) {
            assertThat(out).containsPattern("(?m)^" + name + "\\s");
        }
        assertThat(out).contains("E + A/N^alpha + B/D^beta");
    }

    @Test
    void aModelFileOfAFormulaPredicts() {
        Path model = tmp.resolve("m.json");
        JsonNode s = Cli.ok("fit", Cli.example("four_digit_addition.csv").toString(), "--formula", "L0 + (x0/x)^alpha",
                "--x", "dataset_size", "--y", "test_cross_entropy", "--out", model.toString(), "--json").json().get("series").get(0);
        JsonNode p = s.get("parameters");
        double expected = p.get("L0").asDouble() + Math.pow(p.get("x0").asDouble() / 1000, p.get("alpha").asDouble());
        JsonNode pred = Cli.ok("predict", model.toString(), "--at", "1000", "--json").json();
        assertThat(pred.get("series").get(0).get("predictions").get(0).get("predicted").asDouble())
                .isCloseTo(expected, within(1e-12 * expected));
    }

    // ------------------------------------------------------------------ bad input (issue 3, item 6)

    private void fails(Path in, String[] options, String... fragments) {
        List<String> before = Cli.listing(tmp);
        Path out = tmp.resolve("model.json");
        List<String> args = new ArrayList<>(List.of("fit", in.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--out", out.toString()));
        Cli.assertBadInput(Cli.run(args.toArray(String[]::new)), fragments);
        assertThat(out).doesNotExist();
        assertThat(Cli.listing(tmp)).isEqualTo(before);
    }

    private Path runs() {
        return Cli.write(tmp, "runs.csv", "params,tokens,loss\n1e8,2e9,3.1\n2e8,4e9,2.9\n4e8,8e9,2.7\n8e8,1.6e10,2.6\n"
                + "1.6e9,3.2e10,2.5\n3.2e9,6.4e10,2.4\n1e8,8e9,2.95\n4e8,2e9,2.85\n");
    }

    @Test
    void formulaSyntaxErrorPointsAtItsColumn() {
        fails(runs(), new String[] {"--formula", "E + A/lg(N)", "--var", "N=params", "--y", "loss"},
                "unknown function 'lg' at column 7");
        fails(runs(), new String[] {"--formula", "E + A/(N^alpha", "--var", "N=params", "--y", "loss"}, "column");
    }

    @Test
    void unknownVariableOfALaw() {
        fails(runs(), new String[] {"--law", "chinchilla", "--var", "N=params", "--var", "Q=tokens", "--y", "loss"},
                "law 'chinchilla' has no variable 'Q'", "N, D");
    }

    @Test
    void varColumnMissingFromTheFile() {
        fails(runs(), new String[] {"--law", "chinchilla", "--var", "N=params", "--var", "D=tokenz", "--y", "loss"},
                "runs.csv", "no column 'tokenz'", "did you mean 'tokens'?");
    }

    @Test
    void boundWithLoAboveHi() {
        fails(runs(), new String[] {"--law", "chinchilla", "--var", "N=params", "--var", "D=tokens", "--y", "loss",
            "--bound", "alpha=2..1"}, "alpha");
    }

    @Test
    void lawGivenTheWrongNumberOfVariables() {
        fails(runs(), new String[] {"--law", "chinchilla", "--x", "params", "--y", "loss"}, "chinchilla", "N, D");
        fails(runs(), new String[] {"--law", "chinchilla", "--var", "N=params", "--y", "loss"}, "map 'D' with --var D=COL");
    }

    @Test
    void unknownLawListsTheKnownOnes() {
        fails(runs(), new String[] {"--law", "chinchila", "--var", "N=params", "--y", "loss"}, "unknown law 'chinchila'", "chinchilla");
    }

    @Test
    void badLossAndWhere() {
        fails(runs(), new String[] {"--law", "power", "--x", "params", "--y", "loss", "--loss", "huber:-1"}, "--loss");
        fails(runs(), new String[] {"--law", "power", "--x", "params", "--y", "loss", "--where", "los < 3"},
                "--where", "unknown column 'los'");
    }
}
