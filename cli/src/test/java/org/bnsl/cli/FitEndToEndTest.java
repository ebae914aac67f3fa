package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code bnsl fit} and {@code bnsl predict} on the real published data sets, run in process. */
class FitEndToEndTest {
    private static final double REL = 1e-9;

    @TempDir
    Path tmp;

    private static String[] addition(String... more) {
        List<String> a = new ArrayList<>(List.of("fit", Cli.example("four_digit_addition.csv").toString(),
                "--x", "dataset_size", "--y", "test_cross_entropy", "--breaks", "1", "--holdout-above", "736"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static String[] flan(String... more) {
        List<String> a = new ArrayList<>(List.of("fit", Cli.example("flan.csv").toString(),
                "--x", "finetune_examples", "--y", "loss", "--group", "model", "--x-offset", "1", "--breaks", "1"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static void assertRelativelyClose(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(REL * Math.abs(expected)));
    }

    @Test
    void textReportNamesTheBreakAndScoresTheThreeHeldOutPoints() {
        String out = Cli.ok(addition()).out();
        assertThat(out).contains("series four_digit_addition: bnsl with 1 break, fitted to 14 points (dataset_size 160..736)");
        // The data has a sharp break near 600 (Caballero et al. 2022, Figure 4 left).
        assertThat(out).contains("breaks (log-log slope").containsPattern("\\n\\s+1\\s+6\\d\\d(\\.\\d+)?\\s");
        assertThat(out).contains("holdout  n=3 ");
        assertThat(out).contains("800").contains("864").contains("928");
    }

    @Test
    void jsonReportFollowsTheSchemaAndItsPredictionsAreTheFormula() {
        JsonNode root = Cli.ok(addition("--json")).json();
        assertThat(root.fieldNames()).toIterable().containsExactly("series");
        assertThat(root.get("series")).hasSize(1);
        JsonNode s = root.get("series").get(0);
        assertThat(s.get("name").asText()).isEqualTo("four_digit_addition");
        assertThat(s.get("law").asText()).isEqualTo("bnsl");
        assertThat(s.get("breaks").asInt()).isEqualTo(1);
        JsonNode p = s.get("parameters");
        assertThat(p.fieldNames()).toIterable().containsExactly("a", "b", "c0", "c1", "d1", "f1");
        p.forEach(v -> assertThat(v.isNumber()).as("parameter %s", v).isTrue());
        assertThat(s.get("train").get("n").asInt()).isEqualTo(14);
        assertThat(s.get("train").get("rmsle").isNumber()).isTrue();

        JsonNode hold = s.get("holdout");
        assertThat(hold.get("n").asInt()).isEqualTo(3);
        JsonNode points = hold.get("points");
        assertThat(points).hasSize(3);
        double[] xs = {800, 864, 928};
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode pt = points.get(i);
            assertThat(pt.get("x").asDouble()).isEqualTo(xs[i]);
            double predicted = pt.get("predicted").asDouble();
            assertRelativelyClose(predicted, Cli.bnsl(p, xs[i]), "predicted at " + xs[i]);
            double d = Math.log(predicted) - Math.log(pt.get("y").asDouble());
            sum += d * d;
        }
        double rmsle = hold.get("rmsle").asDouble();
        assertRelativelyClose(rmsle, Math.sqrt(sum / 3), "holdout rmsle against its own points");
        // The issue's bar is 0.0110; the exact optimum of the default log objective scores 0.01114
        // (see the log1p test for the bar itself), so the log fit is held to 0.0115.
        assertThat(rmsle).isLessThanOrEqualTo(0.0115);
    }

    @Test
    void log1pSpaceAsInThePapersCodeMeetsTheIssuesBar() {
        JsonNode s = Cli.ok(addition("--space", "log1p", "--json")).json().get("series").get(0);
        assertThat(s.get("space").asText()).isEqualTo("log1p");
        assertThat(s.get("holdout").get("n").asInt()).isEqualTo(3);
        assertThat(s.get("holdout").get("rmsle").asDouble()).isLessThanOrEqualTo(0.0110);
    }

    @Test
    void modelFileRoundTripsThroughPredict() throws IOException {
        Path model = tmp.resolve("model.json");
        JsonNode fitted = Cli.ok(addition("--json", "--out", model.toString())).json();
        assertThat(model).isRegularFile();
        assertThat(Cli.listing(tmp)).containsExactly("model.json");
        JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(model));
        JsonNode p = saved.get("series").get(0).get("parameters");
        assertThat(p).isEqualTo(fitted.get("series").get(0).get("parameters"));

        JsonNode predicted = Cli.ok("predict", model.toString(), "--at", "1000,2000", "--json").json();
        JsonNode s = predicted.get("series").get(0);
        assertThat(s.get("name").asText()).isEqualTo("four_digit_addition");
        JsonNode pts = s.get("predictions");
        assertThat(pts).hasSize(2);
        assertThat(pts.get(0).get("x").asDouble()).isEqualTo(1000);
        assertThat(pts.get(1).get("x").asDouble()).isEqualTo(2000);
        assertRelativelyClose(pts.get(0).get("predicted").asDouble(), Cli.bnsl(p, 1000), "predicted at 1000");
        assertRelativelyClose(pts.get(1).get("predicted").asDouble(), Cli.bnsl(p, 2000), "predicted at 2000");

        String text = Cli.ok("predict", model.toString(), "--at", "1000,2000").out();
        assertThat(text).startsWith("series four_digit_addition: bnsl");
        assertThat(text).containsPattern("\\n\\s+1000\\s+" + sixDigits(Cli.bnsl(p, 1000)) + "\\s");
        assertThat(text).containsPattern("\\n\\s+2000\\s+" + sixDigits(Cli.bnsl(p, 2000)) + "\\s");
    }

    /** The text report's 6 significant digits, as a regex. */
    private static String sixDigits(double v) {
        return java.util.regex.Pattern.quote(org.bnsl.Numbers.format(v));
    }

    @Test
    void groupedFitGivesOneSeriesPerModelInFileOrderAndPredictSelectsAGroup() throws IOException {
        Path model = tmp.resolve("flan-model.json");
        JsonNode root = Cli.ok(flan("--json", "--threads", "2", "--out", model.toString())).json();
        JsonNode series = root.get("series");

        Set<String> inFile = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(Cli.example("flan.csv"));
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) inFile.add(line.substring(0, line.indexOf(',')));
        }
        assertThat(inFile).hasSize(14);
        List<String> names = new ArrayList<>();
        series.forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(inFile);
        for (JsonNode s : series) {
            assertThat(s.get("law").asText()).isEqualTo("bnsl");
            assertThat(s.get("breaks").asInt()).isEqualTo(1);
            assertThat(s.get("holdout").get("n").asInt()).isZero();
        }

        // The fit was in x + 1, so predicting at 0 (before fine-tuning) is allowed.
        String group = "facebook/opt-350m";
        JsonNode p = null;
        for (JsonNode s : series) {
            if (s.get("name").asText().equals(group)) p = s.get("parameters");
        }
        assertThat(p).isNotNull();
        JsonNode out = Cli.ok("predict", model.toString(), "--at", "0,1000", "--group", group, "--json").json();
        assertThat(out.get("series")).hasSize(1);
        JsonNode pts = out.get("series").get(0).get("predictions");
        assertThat(out.get("series").get(0).get("name").asText()).isEqualTo(group);
        assertRelativelyClose(pts.get(0).get("predicted").asDouble(), Cli.bnsl(p, 0 + 1), "predicted at 0");
        assertRelativelyClose(pts.get(1).get("predicted").asDouble(), Cli.bnsl(p, 1000 + 1), "predicted at 1000");

        String text = Cli.ok("predict", model.toString(), "--at", "1000", "--group", group).out();
        assertThat(text).startsWith("series " + group + ": bnsl").doesNotContain("gpt2");
    }

    @Test
    void oneThreadAndTwoThreadsGiveByteIdenticalJson() {
        String one = Cli.ok(flan("--json", "--threads", "1")).out();
        String two = Cli.ok(flan("--json", "--threads", "2")).out();
        assertThat(two).isEqualTo(one);
        assertThat(new Cli.Result(0, one, "").json().get("series")).hasSize(14);
    }
}
