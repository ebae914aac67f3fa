package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnsl.io.report.Figure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code bnsl report} adds to the fit: the bootstrap band and interval columns, the model
 * comparison of auto choice, the planning table and the compute-optimal frontier of laws in N and
 * D, on the real data sets. The page is read as text: sections by id, cells by their data
 * attributes.
 */
class ReportEndToEndTest {
    @TempDir
    Path tmp;

    private static List<String> addition(String command, String... more) {
        List<String> a = new ArrayList<>(List.of(command, Cli.example("four_digit_addition.csv").toString(),
                "--x", "dataset_size", "--y", "test_cross_entropy", "--breaks", "1", "--holdout-above", "736"));
        a.addAll(List.of(more));
        return a;
    }

    private String report(List<String> args) throws Exception {
        Path html = tmp.resolve("r" + System.nanoTime() + ".html");
        args.addAll(List.of("--out", html.toString()));
        Cli.ok(args.toArray(String[]::new));
        return Files.readString(html);
    }

    /** The body of {@code <section id="ID">}; fails when the page has no such section. */
    private static String section(String html, String id) {
        int i = html.indexOf("<section id=\"" + id + "\">");
        assertThat(i).as("section %s in the page", id).isNotNegative();
        return html.substring(i, html.indexOf("</section>", i));
    }

    /** The one chart of this layout ("wide", "narrow") in a section: its SVG. */
    private static String chart(String section, String layout) {
        int i = section.indexOf("<div class=\"chart " + layout + "\"");
        assertThat(i).as("a %s chart", layout).isNotNegative();
        assertThat(section.indexOf("<div class=\"chart " + layout + "\"", i + 1)).as("one %s chart", layout).isNegative();
        return section.substring(i, section.indexOf("</svg>", i) + 6);
    }

    private static double attr(String html, String key, String attr) {
        Matcher m = Pattern.compile("data-key=\"" + Pattern.quote(key) + "\"[^>]*?" + attr + "=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("a cell with data-key %s and %s", key, attr).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double value(String html, String key) {
        return attr(html, key, "data-value");
    }

    /** The vertices (x, y) of every translucent filled SVG path: the prediction bands. */
    private static List<double[][]> bands(String svg) {
        List<double[][]> out = new ArrayList<>();
        Matcher m = Pattern.compile("<path d=\"([^\"]*)\" style=\"fill:rgb\\([^)]*\\);fill-opacity:[0-9.]+;stroke:none;\"").matcher(svg);
        while (m.find()) {
            Matcher v = Pattern.compile("[ML]\\s*([-0-9.eE]+),([-0-9.eE]+)").matcher(m.group(1));
            List<double[]> pts = new ArrayList<>();
            while (v.find()) pts.add(new double[] {Double.parseDouble(v.group(1)), Double.parseDouble(v.group(2))});
            out.add(pts.toArray(double[][]::new));
        }
        return out;
    }

    /** Asserts one band along the whole drawn curve, with a visible width somewhere. */
    private static void assertOneBand(String svg) {
        List<double[][]> bands = bands(svg);
        assertThat(bands).as("translucent filled paths (the band)").hasSize(1);
        double[][] p = bands.get(0);
        // hi from left to right, then lo back: every drawn point twice (XChart closes the polygon once more)
        assertThat(p.length).isGreaterThanOrEqualTo(2 * Figure.CURVE_POINTS);
        int n = Figure.CURVE_POINTS;
        double widest = 0;
        for (int k = 0; k < n; k++) {
            assertThat(p[k][0]).as("upper and lower edge at the same x").isCloseTo(p[2 * n - 1 - k][0], within(1e-6));
            // screen y grows downwards: the upper edge (hi) is never below the lower one (lo)
            assertThat(p[k][1]).isLessThanOrEqualTo(p[2 * n - 1 - k][1] + 1e-6);
            widest = Math.max(widest, p[2 * n - 1 - k][1] - p[k][1]);
        }
        assertThat(widest).as("widest point of the band, in pixels").isGreaterThan(20);
        assertThat(svg).contains("<desc>").contains("shaded: 90% band (bootstrap prediction interval)");
        // the legend's swatch (XChart draws legend text as outlines, so the box is what can be found)
        assertThat(svg).containsPattern("<rect height=\"\\d+\" style=\"fill:rgb\\([^)]*\\);fill-opacity:[0-9.]+;stroke:none;\"");
    }

    @Test
    void bootstrapReportShadesTheBandAndShowsParameterAndHoldoutIntervals() throws Exception {
        String html = report(addition("report", "--bootstrap", "200"));
        assertOneBand(chart(section(html, "plots"), "wide"));
        assertOneBand(chart(section(html, "plots"), "narrow"));
        assertThat(section(html, "plots")).contains("Shaded: the 90% band");

        // parameter intervals next to the values: those of fit --json with the same seed, around the estimate
        JsonNode s = Cli.ok(addition("fit", "--bootstrap", "200", "--json").toArray(String[]::new)).json().get("series").get(0);
        String fits = section(html, "fits");
        assertThat(fits).contains("<th>90% interval</th>").contains("90% bootstrap percentile intervals from 200 resamples");
        for (String p : List.of("a", "b", "c0", "c1", "d1", "f1")) {
            String key = "four-digit-addition:param-interval:" + p;
            double lo = attr(fits, key, "data-lo");
            double hi = attr(fits, key, "data-hi");
            assertThat(lo).as(p + " lo").isEqualTo(s.get("parameter_intervals").get(p).get("lo").asDouble());
            assertThat(hi).as(p + " hi").isEqualTo(s.get("parameter_intervals").get(p).get("hi").asDouble());
            double v = value(fits, "four-digit-addition:param:" + p);
            assertThat(v).as(p).isBetween(lo, hi);
        }

        // the holdout table: interval column beside the prediction, distance kept (all within 10x here)
        String hold = section(html, "holdout");
        assertThat(hold).contains("<th>90% interval</th>").contains("<th>x / largest fitted x</th>").doesNotContain("class=\"far\"");
        JsonNode pts = s.get("holdout").get("points");
        assertThat(pts).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String key = "four-digit-addition:interval:" + i;
            assertThat(attr(hold, key, "data-lo")).isEqualTo(pts.get(i).get("lo").asDouble());
            assertThat(attr(hold, key, "data-hi")).isEqualTo(pts.get(i).get("hi").asDouble());
            assertThat(value(hold, "four-digit-addition:predicted:" + i)).isBetween(attr(hold, key, "data-lo"), attr(hold, key, "data-hi"));
            assertThat(value(hold, "four-digit-addition:distance:" + i)).isCloseTo(pts.get(i).get("extrapolation").asDouble(), within(1e-12));
        }
        assertThat(html.lastIndexOf("<section id=")).as("the reproduction footer is last").isEqualTo(html.indexOf("<section id=\"reproduce\">"));
    }

    @Test
    void plotsOfFitAndOfAModelFileShadeTheBandToo() throws Exception {
        Path model = tmp.resolve("m.json");
        Path svg = tmp.resolve("fit.svg");
        Cli.ok(addition("fit", "--bootstrap", "50", "--out", model.toString(), "--plot", svg.toString()).toArray(String[]::new));
        assertOneBand(Files.readString(svg));
        Path again = tmp.resolve("again.svg");
        Cli.ok("plot", model.toString(), "--data", Cli.example("four_digit_addition.csv").toString(), "--out", again.toString());
        assertOneBand(Files.readString(again));
        // without a bootstrap: no band, no legend entry
        Path plain = tmp.resolve("plain.svg");
        Cli.ok(addition("fit", "--plot", plain.toString()).toArray(String[]::new));
        assertThat(bands(Files.readString(plain))).isEmpty();
        assertThat(Files.readString(plain)).doesNotContain("% band");
    }

    @Test
    void predictionsBeyondTenTimesTheLargestFittedXAreMarked() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (double x : new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, 200}) {
            csv.append(x).append(',').append(2 + 5 * Math.pow(x, -0.5)).append('\n');
        }
        Path file = Cli.write(tmp, "power.csv", csv.toString());
        String hold = section(report(new ArrayList<>(List.of("report", file.toString(), "--x", "x", "--y", "y", "--breaks", "0",
                "--holdout-above", "10"))), "holdout");
        // x = 50 is 5x the largest fitted x, x = 200 is 20x
        assertThat(value(hold, "power:distance:0")).isCloseTo(5, within(1e-12));
        assertThat(value(hold, "power:distance:1")).isCloseTo(20, within(1e-12));
        assertThat(hold).containsOnlyOnce("class=\"far\"").contains("class=\"far\" data-key=\"power:distance:1\"").contains("20 !");
        assertThat(hold).doesNotContain("interval</th>");
    }

    @Test
    void autoChoiceReportComparesTheCandidatesAndMarksOneChoicePerGroup() throws Exception {
        String html = report(new ArrayList<>(List.of("report", Cli.example("flan.csv").toString(), "--x", "finetune_examples",
                "--y", "loss", "--group", "model", "--holdout-above", "409600", "--law", "auto")));
        // 14 curves are too many for one plot (Figure.AUTO_FACET): one small plot each
        String plots = section(html, "plots");
        assertThat(plots).contains("<figure class=\"facets\">").doesNotContain("chart wide");
        assertThat(plots.split("<div class=\"chart facet\"", -1)).hasSize(1 + 14);
        String cmp = section(html, "comparison");
        String fits = section(html, "fits");
        String[] groups = cmp.split("<h3>");
        assertThat(groups).hasSize(1 + 14);
        for (int k = 1; k < groups.length; k++) {
            String g = groups[k];
            String name = g.substring(0, g.indexOf("</h3>"));
            // every default candidate is listed; the committee's members are marked
            for (String cand : org.bnsl.select.AutoFit.DEFAULT_CANDIDATES) {
                assertThat(g).as(name).containsPattern("<td[^>]*>" + Pattern.quote(cand) + "</td>");
            }
            assertThat(g).as(name).contains("data-chosen=\"true\"").contains("✓ chosen");
            String fit = fits.substring(fits.indexOf(">" + name + "</h3>"));
            assertThat(fit).as(name).contains("committee");
        }
        assertThat(html.indexOf("<section id=\"comparison\">")).isLessThan(html.indexOf("<section id=\"reproduce\">"));
        assertThat(html).doesNotContain("<section id=\"planning\">");
    }

    @Test
    void chinchillaReportPlansTheBudgetsAndDrawsTheFrontier() throws Exception {
        String html = report(new ArrayList<>(List.of("report", Cli.example("hoffmann2022_fig4_epoch_extraction.csv").toString(),
                "--law", "chinchilla", "--var", "N=params", "--var", "D=tokens", "--y", "loss", "--loss", "huber:1e-3",
                "--where", "loss < 3.4469")));
        String plan = section(html, "planning");
        String g = "hoffmann2022-fig4-epoch-extraction";
        double bigG = value(plan, g + ":closed:G");
        double a = value(plan, g + ":closed:a");
        double b = value(plan, g + ":closed:b");
        assertThat(a + b).isCloseTo(1, within(1e-12));
        double alpha = value(section(html, "fits"), g + ":param:alpha");
        double beta = value(section(html, "fits"), g + ":param:beta");
        assertThat(a).isCloseTo(beta / (alpha + beta), within(1e-12));
        double first = value(plan, g + ":plan:0:C");
        double last = value(plan, g + ":plan:5:C");
        assertThat(plan).doesNotContain(":plan:6:");
        // from the smallest 6·N·D among the runs (about 1e18) to 100 times the largest (about 1e22)
        assertThat(first).isBetween(5e17, 3e18);
        assertThat(last / first).isGreaterThan(1000);
        for (int i = 0; i < 6; i++) {
            String k = g + ":plan:" + i + ":";
            double c = value(plan, k + "C");
            double n = value(plan, k + "N");
            double d = value(plan, k + "D");
            assertThat(6 * n * d / c).as("C = 6·N*·D*").isCloseTo(1, within(1e-9));
            assertThat(value(plan, k + "D/N")).isCloseTo(d / n, within(1e-9 * d / n));
            // the numerical optimum agrees with the closed form of Hoffmann et al. 2022 eq. 4
            assertThat(n / (bigG * Math.pow(c / 6, a))).as("N* against the closed form at C = %s", c).isCloseTo(1, within(1e-4));
            if (i > 0) assertThat(value(plan, k + "L")).isLessThan(value(plan, g + ":plan:" + (i - 1) + ":L"));
        }

        String plots = section(html, "plots");
        assertThat(plots).contains("dashed black line: compute-optimal N*(C)").contains("Dashed black line: the compute-optimal frontier");
        // the frontier itself: black dashed segments, N* growing and L* falling with the budget
        Matcher seg = Pattern.compile("<line style=\"[^\"]*stroke:rgb\\(0,0,0\\);stroke-width:1\\.5;[^\"]*dasharray:5,3;\" "
                + "x1=\"([-0-9.]+)\" x2=\"([-0-9.]+)\" y1=\"([-0-9.]+)\" y2=\"([-0-9.]+)\"").matcher(plots);
        int segments = 0;
        while (seg.find()) {
            double x1 = Double.parseDouble(seg.group(1));
            double x2 = Double.parseDouble(seg.group(2));
            double y1 = Double.parseDouble(seg.group(3));
            double y2 = Double.parseDouble(seg.group(4));
            if (y1 == y2) continue; // the legend's sample
            assertThat(x2).isGreaterThan(x1);
            assertThat(y2).as("screen y grows downwards as the loss falls").isGreaterThan(y1);
            segments++;
        }
        assertThat(segments).isGreaterThanOrEqualTo(Figure.FRONTIER_POINTS / 2);
        assertThat(bands(plots)).isEmpty();
        assertThat(html).doesNotContain("<section id=\"comparison\">").doesNotContain("<section id=\"holdout\">");
        assertThat(html.lastIndexOf("<section id=")).isEqualTo(html.indexOf("<section id=\"reproduce\">"));
    }

    /** Issue 11: {@code report --backtest} shows the same figures as {@code bnsl backtest} on the same curves. */
    @Test
    void backtestSectionMatchesTheBacktestCommand() throws Exception {
        List<String> common = List.of(Cli.example("flan.csv").toString(), "--x", "finetune_examples", "--y", "loss",
                "--group", "model", "--holdout-above", "409600");
        List<String> r = new ArrayList<>(List.of("report"));
        r.addAll(common);
        r.addAll(List.of("--law", "auto", "--backtest"));
        String bt = section(report(r), "backtest");
        List<String> b = new ArrayList<>(List.of("backtest"));
        b.addAll(common);
        b.add("--json");
        JsonNode root = Cli.ok(b.toArray(String[]::new)).json();
        for (JsonNode m : root.get("methods")) {
            String name = m.get("name").asText();
            assertThat(bt).as(name).containsPattern("<td[^>]*>" + Pattern.quote(name) + "</td>");
            assertThat(value(bt, "backtest:median:" + name)).as(name).isCloseTo(m.get("median").asDouble(), within(1e-12));
        }
        assertThat(root.get("methods")).hasSize(org.bnsl.select.AutoFit.DEFAULT_CANDIDATES.size() + 2);
    }
}
