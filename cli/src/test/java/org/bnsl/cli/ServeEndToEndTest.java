package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bnsl.server.BnslServer;
import org.bnsl.server.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API answers exactly what the command prints with {@code --json} (or writes with
 * {@code --out}), byte for byte, for the same options: fit, the model file, compare, predict, plan
 * and backtest. The data is sent with {@code "name"} set to the path the command is given, so the
 * curve and file names agree.
 */
class ServeEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static BnslServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = BnslServer.start(ServerOptions.defaults().withPort(0).withWorkers(2, 8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String post(String op, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.url().resolve(URI.create("api/v1/" + op)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    static Map<String, Object> data(Path file, Object... fields) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("csv", Files.readString(file));
        m.put("name", file.toString());
        for (int i = 0; i < fields.length; i += 2) m.put((String) fields[i], fields[i + 1]);
        return m;
    }

    @Test
    void fitAndItsModelFileAreWhatTheCommandWrites(@TempDir Path tmp) throws Exception {
        Path file = Cli.example("four_digit_addition.csv");
        Path model = tmp.resolve("m.json");
        String cli = Cli.ok("fit", file.toString(), "--x", "dataset_size", "--y", "test_cross_entropy", "--breaks", "1", "--holdout-above",
                "736", "--bootstrap", "40", "--json", "--out", model.toString()).out();
        Map<String, Object> req = data(file, "x", "dataset_size", "y", "test_cross_entropy", "breaks", 1, "holdout_above", 736,
                "bootstrap", 40);
        assertThat(post("fit", req)).isEqualTo(cli);
        req.put("output", "model");
        assertThat(post("fit", req)).isEqualTo(Files.readString(model));
    }

    @Test
    void aBatchWithAFailedGroupIsWhatTheCommandPrints(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("batch.csv");
        Files.writeString(file, "g,x,y\na,1,3\na,2,2.5\na,4,2.2\na,8,2.0\na,16,1.9\nb,1,2\nb,2,x\n");
        Cli.Result cli = Cli.run("fit", file.toString(), "--x", "x", "--y", "y", "--group", "g", "--law", "power", "--json");
        assertThat(cli.code()).as("%s", cli).isEqualTo(Main.SOME_FAILED);
        assertThat(post("fit", data(file, "x", "x", "y", "y", "group", "g", "law", "power"))).isEqualTo(cli.out());
    }

    @Test
    void compareIsWhatTheCommandPrints() throws Exception {
        Path file = Cli.example("four_digit_addition.csv");
        String cli = Cli.ok("compare", file.toString(), "--x", "dataset_size", "--y", "test_cross_entropy", "--holdout-above", "736",
                "--json").out();
        assertThat(post("compare", data(file, "x", "dataset_size", "y", "test_cross_entropy", "holdout_above", 736))).isEqualTo(cli);
    }

    @Test
    void predictIsWhatTheCommandPrints(@TempDir Path tmp) throws Exception {
        Path file = Cli.example("four_digit_addition.csv");
        Path model = tmp.resolve("m.json");
        Cli.ok("fit", file.toString(), "--x", "dataset_size", "--y", "test_cross_entropy", "--bootstrap", "30", "--out", model.toString());
        String cli = Cli.ok("predict", model.toString(), "--at", "1000,7360", "--json").out();
        String api = post("predict", Map.of("model", JSON.readTree(Files.readString(model)), "at", List.of(1000, 7360)));
        assertThat(api).isEqualTo(cli);
        String inverse = Cli.ok("predict", model.toString(), "--target", "1.0", "--json").out();
        assertThat(post("predict", Map.of("model", JSON.readTree(Files.readString(model)), "target", 1.0))).isEqualTo(inverse);
    }

    @Test
    void planIsWhatTheCommandPrints() throws Exception {
        String cli = Cli.ok("plan", "--preset", "hoffmann2022", "--budget", "1e21..1e23", "--points", "4", "--json").out();
        assertThat(post("plan", Map.of("preset", "hoffmann2022", "budget", "1e21..1e23", "points", 4))).isEqualTo(cli);
    }

    @Test
    void backtestIsWhatTheCommandPrints(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("curves.csv");
        StringBuilder sb = new StringBuilder("curve,x,y\n");
        for (String c : List.of("a", "b")) {
            for (int i = 0; i < 12; i++) {
                double x = Math.pow(2, i);
                sb.append(c).append(',').append(x).append(',').append((c.equals("a") ? 2 : 3) * Math.pow(x, -0.3) + 0.5).append('\n');
            }
        }
        Files.writeString(file, sb);
        String cli = Cli.ok("backtest", file.toString(), "--x", "x", "--y", "y", "--holdout-above", "256", "--candidates", "power,m3",
                "--threads", "1", "--json", "--quiet").out();
        String api = post("backtest", data(file, "x", "x", "y", "y", "holdout_above", 256, "candidates", List.of("power", "m3")));
        assertThat(strip(api)).isEqualTo(strip(cli));
    }

    @Test
    void servingOnAPortInUseIsOneLineOfBadInput() {
        Cli.Result r = Cli.run("serve", "--port", Integer.toString(server.port()));
        Cli.assertBadInput(r, "--port " + server.port(), "cannot listen on 127.0.0.1:" + server.port());
    }

    /** The backtest's "seconds" per method is a measured time, the one field two runs do not share. */
    private static String strip(String json) {
        return json.replaceAll("\"seconds\" : [0-9.eE+-]+", "\"seconds\" : 0");
    }
}
