package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Issue 5 end to end: bnsl plan and bnsl isoflop. */
class PlanEndToEndTest {
    @TempDir
    Path tmp;

    /** Hoffmann et al. 2022's fit, in the seed article's rounding: N* ≈ 0.6·C^0.45, D* ≈ 0.3·C^0.55. */
    @Test
    void presetClosedFormMatchesTheFormulasAndTheSeedArticle() {
        JsonNode root = Cli.ok("plan", "--preset", "hoffmann2022", "--budget", "5.76e23", "--json").json();
        JsonNode c = root.get("closed_form");
        assertThat(c.get("a").asDouble()).isCloseTo(0.28 / 0.62, within(1e-12));
        assertThat(c.get("b").asDouble()).isCloseTo(0.34 / 0.62, within(1e-12));
        double g = Math.pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62);
        assertThat(c.get("G").asDouble()).isCloseTo(g, within(1e-9 * g));
        assertThat(g * Math.pow(6, -0.28 / 0.62)).isCloseTo(0.6, within(0.05));
        assertThat(Math.pow(6, -0.34 / 0.62) / g).isCloseTo(0.3, within(0.05));
        JsonNode p = root.get("plans").get(0);
        // Besiroglu et al. 2024: Hoffmann's own fit asks for about 93 tokens per parameter at this budget
        assertThat(p.get("tokens_per_param").asDouble()).isCloseTo(93, within(1.0));
        assertThat(6 * p.get("N").asDouble() * p.get("D").asDouble()).isCloseTo(5.76e23, within(5.76e23 * 1e-9));
        String text = Cli.ok("plan", "--preset", "hoffmann2022", "--budget", "1e24").out();
        assertThat(text).contains("0.599·C^0.452").contains("0.278·C^0.548").contains("1071·C^-0.154 + 1.69");
    }

    /** The Chinchilla refit of the law-library issue, planned at Chinchilla's own budget: about 20 tokens per parameter. */
    @Test
    void planFromTheChinchillaRefitWithIntervals() {
        Path model = tmp.resolve("chinchilla.json");
        Cli.ok("fit", Cli.example("hoffmann2022_fig4_epoch_extraction.csv").toString(), "--law", "chinchilla",
                "--var", "N=params", "--var", "D=tokens", "--y", "loss", "--loss", "huber:1e-3", "--where", "loss < 3.4469",
                "--bootstrap", "50", "--out", model.toString(), "--json");
        JsonNode p = Cli.ok("plan", model.toString(), "--budget", "5.76e23", "--json").json().get("plans").get(0);
        assertThat(p.get("N").asDouble()).isCloseTo(7.3e10, within(0.05e10));
        assertThat(p.get("D").asDouble()).isCloseTo(1.3e12, within(0.05e12));
        assertThat(p.get("tokens_per_param").asDouble()).isBetween(17.0, 19.0);
        assertThat(p.get("N_lo").asDouble()).isLessThan(p.get("N").asDouble());
        assertThat(p.get("N_hi").asDouble()).isGreaterThan(p.get("N").asDouble());
        assertThat(p.get("loss_lo").asDouble()).isLessThanOrEqualTo(p.get("loss").asDouble());
        String csv = Cli.ok("plan", model.toString(), "--budget", "1e20..1e24", "--points", "3", "--csv").out();
        assertThat(csv.lines()).hasSize(4);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("budget,N,D,loss,tokens_per_param,N_lo");
    }

    @Test
    void targetLossGivesTheBudgetThatReachesIt() {
        JsonNode p = Cli.ok("plan", "--preset", "besiroglu2024", "--target-loss", "2.0", "--json").json().get("plans").get(0);
        assertThat(p.get("loss").asDouble()).isCloseTo(2.0, within(1e-6));
        JsonNode again = Cli.ok("plan", "--preset", "besiroglu2024", "--budget", String.valueOf(p.get("budget").asDouble()), "--json")
                .json().get("plans").get(0);
        assertThat(again.get("loss").asDouble()).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void isoflopSaysPlainlyWhenTheRunsAreNotOnCleanBudgets() {
        JsonNode r = Cli.ok("isoflop", Cli.example("hoffmann2022_fig4_epoch_extraction.csv").toString(),
                "--params", "params", "--flops", "training_flop", "--y", "loss", "--json").json();
        assertThat(r.get("budgets").size()).isGreaterThan(0);
        assertThat(r.get("runs_placed").asInt() + r.get("runs_not_placed").asInt()).isEqualTo(245);
        assertThat(r.get("exponent_a").has("lo")).isTrue();
        // issue 10 item 8: chaining put 92 runs from 1.6e19 to 1.5e20 in one budget and placed 109 of
        // 245; budgets of bounded span place 201 (see IsoFlopTest.hoffmannFigure4Runs)
        assertThat(r.get("runs_placed").asInt()).isEqualTo(201);
        assertThat(r.get("trustworthy").asBoolean()).isTrue();
        assertThat(r.get("exponent_a").get("value").asDouble()).isCloseTo(0.49, within(0.01));
        assertThat(r.get("reason").asText()).isNotEmpty();
        String text = Cli.ok("isoflop", Cli.example("hoffmann2022_fig4_epoch_extraction.csv").toString(),
                "--params", "params", "--flops", "training_flop", "--y", "loss").out();
        assertThat(text).contains("runs placed").containsPattern("(NOT )?trustworthy");
    }

    /** Issue 10 item 8: one budget printed "a = NaN" and exited 0; it is bad input, exit code 2, saying why. */
    @Test
    void isoflopWithOneBudgetSaysTheExponentNeedsTwo() {
        StringBuilder csv = new StringBuilder("params,flops,loss\n");
        for (int s = 0; s < 5; s++) {
            double n = 1e8 * Math.pow(2, s);
            double u = Math.log(n / 4e8);
            csv.append(n).append(",1e20,").append(3 + u * u).append('\n');
        }
        Path file = Cli.write(tmp, "one.csv", csv.toString());
        Cli.assertBadInput(Cli.run("isoflop", file.toString(), "--params", "params", "--flops", "flops", "--y", "loss"),
                "one.csv: the exponent a needs at least 2 usable FLOP budgets (3 for a trustworthy fit), found 1 of 1",
                "(5 of 5 runs placed)");
        Cli.assertBadInput(Cli.run("isoflop", file.toString(), "--params", "params", "--flops", "flops", "--y", "loss",
                "--json"), "needs at least 2 usable FLOP budgets");
        // two budgets of which one has its minimum at the edge: named with its reason
        StringBuilder two = new StringBuilder(csv);
        for (int s = 0; s < 5; s++) {
            two.append(1e8 * Math.pow(2, s)).append(",1e21,").append(3 - s).append('\n');
        }
        Path file2 = Cli.write(tmp, "two.csv", two.toString());
        Cli.assertBadInput(Cli.run("isoflop", file2.toString(), "--params", "params", "--flops", "flops", "--y", "loss"),
                "found 1 of 2", "budget 1e+21 (5 runs): lowest loss at the largest model: no interior minimum");
    }

    // ---------------------------------------------------------------- bad input (issue 5, item 5)

    @Test
    void badBudgetsTargetsAndLaws() {
        Cli.assertBadInput(Cli.run("plan", "--preset", "hoffmann2022", "--budget", "0"), "--budget must be positive");
        Cli.assertBadInput(Cli.run("plan", "--preset", "hoffmann2022", "--budget", "-1e20"), "--budget must be positive");
        Cli.assertBadInput(Cli.run("plan", "--preset", "hoffmann2022", "--budget", "1e24..1e20"), "lo < hi");
        Cli.assertBadInput(Cli.run("plan", "--preset", "hoffmann2022", "--target-loss", "1.69"), "floor", "1.69");
        Cli.assertBadInput(Cli.run("plan", "--preset", "hoffmann2022", "--target-loss", "1.5"), "floor");
        Cli.assertBadInput(Cli.run("plan", "--preset", "nosuch", "--budget", "1e20"), "unknown preset 'nosuch'");
        Path model = tmp.resolve("bnsl.json");
        Cli.ok("fit", Cli.example("four_digit_addition.csv").toString(), "--x", "dataset_size", "--y", "test_cross_entropy",
                "--out", model.toString());
        Cli.assertBadInput(Cli.run("plan", model.toString(), "--budget", "1e20"), "bnsl.json", "not a law in N and D");
    }
}
