package org.bnsl.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every operation of the API in process, on the real engine, with the bundled 4-digit-addition
 * curve: what each answers and each class of bad input. (That each answer is byte for byte what the
 * command prints with {@code --json} is checked in cli's ServeEndToEndTest, which can run both.)
 */
class ApiTest {
    static final Path EXAMPLE = Path.of("..", "examples", "four_digit_addition.csv");
    static BnslServer server;
    static Client client;
    static String csv;

    @BeforeAll
    static void start() throws IOException {
        csv = Files.readString(EXAMPLE);
        server = BnslServer.start(ServerOptions.defaults().withPort(0).withWorkers(2, 16));
        client = new Client(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> fit(Object... more) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("csv", csv, "x", "dataset_size", "y", "test_cross_entropy"));
        for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
        return m;
    }

    @Test
    void fitFindsTheBreakAndScoresTheHeldOutPoints() {
        Client.Reply r = client.post("/api/v1/fit", fit("breaks", 1, "holdout_above", 736));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode s = r.json().get("series").get(0);
        assertThat(s.get("name").asText()).isEqualTo("csv");
        assertThat(s.get("break_points").get(0).get("x").asDouble()).isBetween(560.0, 660.0);
        assertThat(s.get("holdout").get("n").asInt()).isEqualTo(3);
        assertThat(s.get("train").get("n").asInt()).isEqualTo(14);
    }

    @Test
    void theDataIsNamedAsAFileWouldBe() {
        Client.Reply r = client.post("/api/v1/fit", fit("name", "four_digit_addition.csv"));
        assertThat(r.json().get("series").get(0).get("name").asText()).isEqualTo("four_digit_addition");
    }

    @Test
    void fitTakesRowsAndMultipartAlike() throws IOException {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] c = line.split(",");
            if (c[0].equals("dataset_size") || c.length < 2) continue;
            rows.add(Map.of("dataset_size", Double.parseDouble(c[0]), "test_cross_entropy", Double.parseDouble(c[1])));
        }
        Map<String, Object> byRows = fit("breaks", 1);
        byRows.remove("csv");
        byRows.put("rows", rows);
        JsonNode a = client.post("/api/v1/fit", byRows).json().get("series").get(0).get("parameters");
        JsonNode b = client.post("/api/v1/fit", fit("breaks", 1)).json().get("series").get(0).get("parameters");
        Client.Reply m = client.multipart("/api/v1/fit", Map.of("x", "dataset_size", "y", "test_cross_entropy", "breaks", "1"),
                Map.of("csv", csv));
        assertThat(m.status()).as(m.body()).isEqualTo(200);
        assertThat(a).isEqualTo(b);
        assertThat(m.json().get("series").get(0).get("parameters")).isEqualTo(b);
    }

    @Test
    void fitAnswersTheModelFileTheReportAndTheFigure() {
        Client.Reply model = client.post("/api/v1/fit", fit("breaks", 1, "output", "model"));
        assertThat(model.status()).as(model.body()).isEqualTo(200);
        assertThat(model.json().get("format").asText()).isEqualTo("bnsl-model");
        Client.Reply report = client.post("/api/v1/fit", fit("breaks", 1, "output", "report"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/html");
        assertThat(report.body()).contains("<html").contains("dataset_size");
        Client.Reply svg = client.post("/api/v1/fit", fit("breaks", 1, "output", "svg"));
        assertThat(svg.status()).as(svg.body()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg");
        Client.Reply bad = client.post("/api/v1/fit", fit("output", "pdf"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().get("where").asText()).isEqualTo("output");
    }

    @Test
    void tablesAreTheReportsPiecesAndAFailedGroupsErrorIsEscaped() {
        Client.Reply one = client.post("/api/v1/fit", fit("name", "four_digit_addition.csv", "breaks", 1, "holdout_above", 736,
                "output", "tables"));
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.contentType().replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        for (String p : List.of("a", "b", "c0", "c1", "d1", "f1")) {
            assertThat(one.body()).contains("data-key=\"four-digit-addition:param:" + p + "\"");
        }
        assertThat(one.body()).contains("data-key=\"four-digit-addition:holdout-rmsle\"").contains("data-key=\"four-digit-addition:predicted:2\"")
                .contains("<h3 id=\"fit-four-digit-addition\">four_digit_addition</h3>").doesNotContain("<html");

        String batch = "g,x,y\na,1,3\na,2,2.5\na,4,2.2\na,8,2.0\na,16,1.9\n<b>,1,2\n<b>,2,<i>\n";
        Client.Reply two = client.post("/api/v1/fit", Map.of("csv", batch, "x", "x", "y", "y", "group", "g", "law", "power",
                "output", "tables"));
        assertThat(two.status()).as(two.body()).isEqualTo(200);
        assertThat(two.body()).contains("<h3 id=\"fit-a\">a</h3>").contains("data-key=\"a:param:c\"").contains("<p class=\"failed\" data-group=\"&lt;b&gt;\">&lt;b&gt;: failed: ")
                .contains("&#39;&lt;i&gt;&#39;").doesNotContain("<b>").doesNotContain("<i>");
    }

    @Test
    void aBatchReportsItsFailedGroupAndItsModelHoldsTheOthers() {
        String batch = "g,x,y\na,1,3\na,2,2.5\na,4,2.2\na,8,2.0\na,16,1.9\nb,1,2\nb,2,x\n";
        Client.Reply json = client.post("/api/v1/fit", Map.of("csv", batch, "x", "x", "y", "y", "group", "g", "law", "power"));
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().get("series").get(1).get("error").asText()).contains("'x'");
        assertThat(json.json().get("summary").get("failed").asInt()).isEqualTo(1);
        Client.Reply model = client.post("/api/v1/fit", Map.of("csv", batch, "x", "x", "y", "y", "group", "g", "law", "power",
                "output", "model"));
        assertThat(model.status()).as(model.body()).isEqualTo(200);
        assertThat(model.json().get("series")).hasSize(1);
        Client.Reply report = client.post("/api/v1/fit", Map.of("csv", batch, "x", "x", "y", "y", "group", "g", "law", "power",
                "output", "report"));
        assertThat(report.status()).isEqualTo(400);
        assertThat(report.error().get("where").asText()).isEqualTo("csv");
    }

    @Test
    void predictEvaluatesAFittedModel() {
        JsonNode model = client.post("/api/v1/fit", fit("breaks", 1, "output", "model")).json();
        Client.Reply r = client.post("/api/v1/predict", Map.of("model", model, "at", List.of(160, 7360)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json().get("series").get(0).get("predictions");
        assertThat(p).hasSize(2);
        assertThat(p.get(0).get("predicted").asDouble()).isBetween(2.0, 2.3); // the data: 2.138 at x = 160
        Client.Reply outside = client.post("/api/v1/predict", Map.of("model", model, "at", List.of(-5)));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.error().get("where").asText()).isEqualTo("at");
        Client.Reply notModel = client.post("/api/v1/predict", Map.of("model", Map.of("format", "other"), "at", List.of(1)));
        assertThat(notModel.status()).isEqualTo(400);
        assertThat(notModel.error().get("where").asText()).isEqualTo("model");
    }

    @Test
    void compareRanksTheCandidates() {
        Client.Reply r = client.post("/api/v1/compare", fit("holdout_above", 736));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode cands = r.json().get("series").get(0).get("candidates");
        assertThat(cands.size()).isGreaterThan(2);
        assertThat(cands.get(0).has("train_rmsle")).isTrue();
        Client.Reply oneLaw = client.post("/api/v1/compare", fit("law", "power"));
        assertThat(oneLaw.status()).isEqualTo(400);
        assertThat(oneLaw.error().get("message").asText()).contains("compare chooses among laws");
    }

    @Test
    void backtestScoresTheCandidatesOnHeldOutPoints() {
        StringBuilder two = new StringBuilder("curve,").append(csv.split("\n")[0]).append('\n');
        for (String line : csv.split("\n")) {
            if (line.startsWith("dataset_size") || line.isBlank()) continue;
            two.append("a,").append(line).append('\n');
            String[] c = line.split(",");
            two.append("b,").append(c[0]).append(',').append(Double.parseDouble(c[1]) * 1.1).append('\n');
        }
        Client.Reply r = client.post("/api/v1/backtest", Map.of("csv", two.toString(), "x", "dataset_size", "y", "test_cross_entropy",
                "group", "curve", "holdout_above", 736, "candidates", "power,bnsl:1"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("curves").asInt()).isEqualTo(2);
        assertThat(r.json().get("methods").size()).isGreaterThanOrEqualTo(3);
        Client.Reply noSplit = client.post("/api/v1/backtest", Map.of("csv", csv, "x", "dataset_size", "y", "test_cross_entropy"));
        assertThat(noSplit.status()).isEqualTo(400);
        assertThat(noSplit.error().get("message").asText()).contains("no split");
    }

    @Test
    void planFromAPreset() {
        Client.Reply r = client.post("/api/v1/plan", Map.of("preset", "hoffmann2022", "budget", "1e21..1e23", "points", 3));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("plans")).hasSize(3);
        assertThat(r.json().get("closed_form")).isNotNull();
        Client.Reply both = client.post("/api/v1/plan", Map.of("preset", "hoffmann2022", "budget", 1e21, "target_loss", 2.0));
        assertThat(both.status()).isEqualTo(400);
    }

    @Test
    void badOptionsAre400AtTheirField() {
        Client.Reply breaks = client.post("/api/v1/fit", fit("breaks", 7));
        assertThat(breaks.status()).isEqualTo(400);
        assertThat(breaks.error().get("where").asText()).isEqualTo("breaks");
        assertThat(breaks.error().get("message").asText()).contains("breaks must be between 0 and 4").doesNotContain("--");
        Client.Reply column = client.post("/api/v1/fit", fit("y", "loss"));
        assertThat(column.status()).isEqualTo(400);
        assertThat(column.error().get("message").asText()).contains("loss");
        Client.Reply holdout = client.post("/api/v1/fit", fit("holdout_above", 1e9));
        assertThat(holdout.status()).isEqualTo(400);
        assertThat(holdout.error().get("where").asText()).isEqualTo("holdout_above");
        Client.Reply threads = client.post("/api/v1/fit", fit("threads", 64));
        assertThat(threads.status()).isEqualTo(400);
        assertThat(threads.error().get("where").asText()).isEqualTo("threads");
    }

    @Test
    void aMalformedCsvIs400NamingLineAndColumn() {
        Client.Reply r = client.post("/api/v1/fit", Map.of("csv", "dataset_size,test_cross_entropy\n160,2.1\n192,abc\n256,2.0\n",
                "x", "dataset_size", "y", "test_cross_entropy"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("where").asText()).isEqualTo("csv");
        assertThat(r.error().get("message").asText()).contains("csv").contains("3").contains("abc");
        Client.Reply quote = client.post("/api/v1/fit", Map.of("csv", "a,b\n1,\"2\n", "x", "a", "y", "b"));
        assertThat(quote.status()).isEqualTo(400);
        assertThat(quote.error().get("where").asText()).isEqualTo("csv");
    }

    @Test
    void aFormulaNested10000DeepIs400() {
        String deep = "(".repeat(10_000) + "a*x^b" + ")".repeat(10_000);
        Client.Reply r = client.post("/api/v1/fit", fit("formula", deep));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("where").asText()).isEqualTo("formula");
        assertThat(client.get("/api/v1/healthz").status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDescriptionNamesEveryOperation() {
        Client.Reply r = client.get("/api/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode paths = r.json().get("paths");
        for (String op : List.of("fit", "compare", "predict", "plan", "backtest", "healthz")) {
            assertThat(paths.has("/api/v1/" + op)).as(op).isTrue();
        }
    }

    @Test
    void lawsListsTheBuiltInLaws() {
        JsonNode laws = client.get("/api/v1/laws").json().get("laws");
        assertThat(laws.get(0).get("name").asText()).isEqualTo("bnsl");
        assertThat(laws.size()).isGreaterThan(5);
    }

    @Test
    void thePageAndItsScriptAreServedFromTheJar() {
        Client.Reply page = client.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").doesNotContain("https://");
        assertThat(client.get("/app.js").status()).isEqualTo(200);
        Client.Reply css = client.get("/report.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.body()).isEqualTo(org.bnsl.io.report.HtmlReport.css());
        assertThat(client.get("/webjars/uplot/1.6.30/dist/uPlot.min.css").status()).isEqualTo(200);
    }
}
