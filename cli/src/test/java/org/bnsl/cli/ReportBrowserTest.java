package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTML report (with a bootstrap band) opened in headless Chromium: it loads without console
 * errors or network requests, every chart is drawn at a nonzero size, and the numbers on the page
 * are those of {@code bnsl fit --json}. Fails, never skips, when Chromium is missing ({@code .ci/run} installs it).
 */
class ReportBrowserTest {
    @TempDir
    Path tmp;

    private static final Pattern FETCH = Pattern.compile("(?i)(?:src|href|action|poster)\\s*=\\s*[\"']?\\s*(?:https?:)?//|url\\(\\s*[\"']?\\s*(?:https?:)?//|@import");

    private static String[] args(String command, String... more) {
        List<String> a = new ArrayList<>(List.of(command, Cli.example("four_digit_addition.csv").toString(),
                "--x", "dataset_size", "--y", "test_cross_entropy", "--breaks", "1", "--holdout-above", "736"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** Runs headless Chromium on the page with the extra arguments; returns {stdout, stderr}. */
    private String[] chromium(Path page, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"),
                "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = tmp.resolve("chromium.out");
        Path err = tmp.resolve("chromium.err");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            fail("chromium is not installed (apt-get install -y chromium; .ci/run installs it): " + e.getMessage());
            throw e;
        }
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish; stderr:\n" + Files.readString(err));
        }
        assertThat(p.exitValue()).as("chromium exit code; stderr:%n%s", Files.readString(err)).isZero();
        return new String[] {Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)};
    }

    private static String dataValue(String dom, String key) {
        Matcher m = Pattern.compile("data-key=\"" + Pattern.quote(key) + "\" data-value=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("a cell with data-key %s in the page", key).isTrue();
        return m.group(1);
    }

    private static String body(String dom, String attribute) {
        Matcher m = Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(dom.substring(dom.indexOf("<body")));
        assertThat(m.find()).as("%s recorded by the page's script", attribute).isTrue();
        return m.group(1);
    }

    /**
     * Issue 13's defects at a phone's width (390 px) and a desktop's (1280 px), on the 14 curves of
     * flan.csv under a long file name: the page never scrolls sideways, the data table fits its
     * column, the chart text is drawn at 10 CSS px or more, and the curves are small multiples.
     */
    @Test
    void reportIsReadableOnAPhoneAndOnADesktop() throws Exception {
        Path csv = tmp.resolve("finetuning_runs_of_fourteen_models_exported_from_the_experiment_tracker_2026_12_05_all_columns.csv");
        Files.copy(Cli.example("flan.csv"), csv);
        Path html = tmp.resolve("flan.html");
        Cli.ok("report", csv.toString(), "--x", "finetune_examples", "--y", "loss", "--group", "model", "--holdout-above", "409600",
                "--law", "auto", "--out", html.toString());
        for (int width : new int[] {390, 1280}) {
            String dom = chromium(html, "--dump-dom", "--window-size=" + width + ",2400")[0];
            assertThat(Integer.parseInt(body(dom, "data-page-overflow"))).as("page wider than the window at %d px", width).isZero();
            assertThat(Integer.parseInt(body(dom, "data-table-overflow"))).as("data table wider than its column at %d px", width).isZero();
            assertThat(Double.parseDouble(body(dom, "data-chart-font"))).as("smallest chart text in CSS px at %d px", width)
                    .isGreaterThanOrEqualTo(10);
            assertThat(body(dom, "data-chart-sizes").split(" ")).as("one chart per curve").hasSize(14);
        }
    }

    @Test
    void reportLoadsOfflineDrawsItsChartsAndShowsTheNumbersOfTheFit() throws Exception {
        Path html = tmp.resolve("r.html");
        Cli.ok(args("report", "--bootstrap", "100", "--out", html.toString()));
        String source = Files.readString(html);
        assertThat(FETCH.matcher(source).find()).as("the page references nothing to fetch").isFalse();
        assertThat(source).doesNotContain("<link").doesNotContain("<img").doesNotContain("<iframe");

        String[] dump = chromium(html, "--dump-dom");
        String dom = dump[0];
        assertThat(dump[1]).as("chromium log").doesNotContain(":CONSOLE").doesNotContain("net::ERR");

        // at 1000 px the wide layout of the one chart is shown, the narrow one hidden
        int charts = source.split("<div class=\"chart wide\"", -1).length - 1;
        assertThat(charts).isPositive();
        Matcher sizes = Pattern.compile("data-chart-sizes=\"([^\"]*)\"").matcher(dom);
        assertThat(sizes.find()).as("the page's script recorded the chart sizes").isTrue();
        String[] each = sizes.group(1).trim().split(" ");
        assertThat(each).hasSize(charts);
        for (String s : each) {
            String[] wh = s.split("x");
            assertThat(Integer.parseInt(wh[0])).as("drawn width of a chart").isPositive();
            assertThat(Integer.parseInt(wh[1])).as("drawn height of a chart").isPositive();
        }

        JsonNode series = Cli.ok(args("fit", "--json")).json().get("series").get(0);
        assertThat(Double.parseDouble(dataValue(dom, "four-digit-addition:holdout-rmsle")))
                .isEqualTo(series.get("holdout").get("rmsle").asDouble());
        assertThat(Double.parseDouble(dataValue(dom, "four-digit-addition:d1")))
                .isEqualTo(series.get("break_points").get(0).get("x").asDouble());
        assertThat(dom).contains("bnsl " + "report ").contains(Main.version());
        // the bootstrap band survives into the browser's DOM, and so do the interval cells
        assertThat(dom).containsPattern("fill-opacity:0\\.\\d+;stroke:none").contains("90% interval");
        assertThat(Double.parseDouble(dataValue(dom, "four-digit-addition:predicted:0")))
                .isEqualTo(series.get("holdout").get("points").get(0).get("predicted").asDouble());

        // at a phone's width the chart drawn for a narrow screen is shown: its text stays 10 CSS px or more
        String phone = chromium(html, "--dump-dom", "--window-size=390,2400")[0];
        assertThat(body(phone, "data-chart-sizes").split(" ")).hasSize(1);
        assertThat(Double.parseDouble(body(phone, "data-chart-font"))).isGreaterThanOrEqualTo(10);
        assertThat(Integer.parseInt(body(phone, "data-page-overflow"))).isZero();

        Path shot = tmp.resolve("shot.png");
        String[] s = chromium(html, "--screenshot=" + shot, "--window-size=1000,1600", "--hide-scrollbars");
        assertThat(s[1]).doesNotContain(":CONSOLE");
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255) < 384) dark++;
            }
        }
        assertThat(dark).as("dark sampled pixels in the screenshot (text, lines)").isGreaterThan(500);
    }
}
