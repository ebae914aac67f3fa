package org.bnsl.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnsl.io.report.Figure;
import org.bnsl.io.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's pieces a web page shows too (HtmlReport's public entry points, rendered by the jte templates). */
class HtmlPiecesTest {
    @TempDir
    Path tmp;

    private static final FitSpec SPEC = FitSpec.builder().x("dataset_size").y("test_cross_entropy").breaks(1).holdoutAbove(736.0)
            .bootstrap(50).build();

    private static Model fitted() {
        return Bnsl.fitFile(Examples.path("four_digit_addition.csv"), SPEC).get(0).model();
    }

    private static double value(String html, String key, String attr) {
        Matcher m = Pattern.compile("data-key=\"" + Pattern.quote(key) + "\"[^>]*?" + attr + "=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("a cell %s with %s in %s", key, attr, html).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void parameterTableShowsEveryParameterWithItsIntervalAndTheBreak() {
        Model m = fitted();
        String html = HtmlReport.parameterTable(m);
        for (Map.Entry<String, Double> p : m.parameters().entrySet()) {
            assertThat(value(html, "four-digit-addition:param:" + p.getKey(), "data-value")).isEqualTo(p.getValue());
            assertThat(value(html, "four-digit-addition:param-interval:" + p.getKey(), "data-lo")).isLessThanOrEqualTo(p.getValue());
        }
        assertThat(value(html, "four-digit-addition:d1", "data-value")).isEqualTo(m.breaks().get(0).x());
        assertThat(html).contains("<th>90% interval</th>").contains("bnsl with 1 break, fitted to 14 points").doesNotContain("<html");
    }

    @Test
    void aModelReadFromAFileHasItsParameterTableButNoScores() {
        Path file = tmp.resolve("m.json");
        fitted().save(file);
        Model loaded = Model.load(file);
        String html = HtmlReport.parameterTable(loaded);
        assertThat(value(html, "four-digit-addition:param:d1", "data-value")).isEqualTo(loaded.parameters().get("d1"));
        assertThat(html).doesNotContain("fitted to");
        assertThatThrownBy(() -> HtmlReport.scoresTable(loaded)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read from a file");
    }

    @Test
    void scoresHoldoutFigureDataAndReproducePieces() {
        Model m = fitted();
        assertThat(value(HtmlReport.scoresTable(m), "four-digit-addition:holdout-rmsle", "data-value")).isEqualTo(m.holdoutMetrics().rmsle());
        String hold = HtmlReport.holdoutTable(m);
        assertThat(hold.split("data-key=\"four-digit-addition:predicted:", -1)).hasSize(1 + m.holdoutMetrics().n());
        assertThat(value(hold, "four-digit-addition:predicted:0", "data-value"))
                .isEqualTo(m.extrapolation().holdoutPredicted()[0]);
        String fig = HtmlReport.figure(List.of(m), new Figure.Options(null, null, false, false, null));
        assertThat(fig).startsWith("<figure").contains("class=\"chart wide\"").contains("class=\"chart narrow\"").contains("Shaded: the 90% band");
        assertThat(HtmlReport.dataSummary(List.of(m))).contains("17: 14 fitted, 3 held out (x &gt; 736)");
        assertThat(HtmlReport.reproduce("curl -X POST /api/v1/fit <x>", "1.2.3")).contains("curl -X POST /api/v1/fit &lt;x&gt;")
                .contains(">1.2.3</code>");
        assertThat(HtmlReport.css()).contains("table.stack");
    }
}
