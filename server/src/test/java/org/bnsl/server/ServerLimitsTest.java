package org.bnsl.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bnsl.InputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's limits and error classes, with stand-in operations (no fitting): the size cap (413),
 * the admission limit (429), the time budget (503), bad input (400, 404, 405, 415), a bug (500 with
 * no stack trace), path traversal on the file routes, and CORS off by default.
 */
class ServerLimitsTest {
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static BnslServer server;
    static Client client;

    @BeforeAll
    static void start() {
        Map<String, Endpoint> ops = Map.of(
                "echo", r -> {
                    String s = r.fields().toString();
                    r.known(iter(r));
                    return Answer.json(s);
                },
                "sleep", r -> {
                    try {
                        Thread.sleep(r.integer("ms"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Answer.json("{}");
                },
                "hold", r -> {
                    try {
                        RELEASE.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Answer.json("{}");
                },
                "input", r -> {
                    throw new InputException("--holdout-above 5 holds out nothing: the largest x is 3");
                },
                "bug", r -> {
                    throw new IllegalStateException("secret detail at org.bnsl.Somewhere");
                },
                "table", r -> Answer.json("{\"rows\": " + r.table().rowCount() + "}"));
        server = BnslServer.start(ServerOptions.defaults().withPort(0).withMaxUpload(64 * 1024).withWorkers(2, 2)
                .withTimeBudget(Duration.ofMillis(1500)), ops);
        client = new Client(server);
    }

    private static String[] iter(ApiRequest r) {
        List<String> names = new ArrayList<>();
        r.fields().fieldNames().forEachRemaining(names::add);
        return names.toArray(String[]::new);
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        server.close();
    }

    @Test
    void listensOnLoopbackByDefault() {
        assertThat(ServerOptions.defaults().bind()).isEqualTo("127.0.0.1");
        assertThat(server.url().toString()).startsWith("http://127.0.0.1:");
    }

    @Test
    void healthzAnswersOk() {
        Client.Reply r = client.get("/api/v1/healthz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void aBodyOverTheCapIs413() {
        String big = "{\"csv\": \"" + "x".repeat(70 * 1024) + "\"}";
        Client.Reply r = client.post("/api/v1/echo", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.error().get("code").asText()).isEqualTo("too_large");
        assertThat(r.error().get("message").asText()).contains("64 KB");
    }

    @Test
    void aChunkedBodyOverTheCapIs413() throws Exception {
        // no Content-Length: the cap is enforced while reading
        byte[] chunk = ("{\"csv\": \"" + "y".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(server.url().resolve("/api/v1/echo")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk))).build();
        Client.Reply r = client.send(req);
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void aMultipartUploadOverTheCapIs413() {
        Client.Reply r = client.multipart("/api/v1/echo", Map.of("x", "a"), Map.of("csv", "a,b\n" + "1,2\n".repeat(20_000)));
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void multipartFieldsAndFilesBecomeFields() {
        Client.Reply r = client.multipart("/api/v1/echo", Map.of("x", "size", "breaks", "1"), Map.of("csv", "size,loss\n1,2\n"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("x").asText()).isEqualTo("size");
        assertThat(r.json().get("csv").asText()).isEqualTo("size,loss\n1,2\n");
    }

    @Test
    void notJsonIs400WithWhereItBroke() {
        Client.Reply r = client.post("/api/v1/echo", "{\"csv\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("code").asText()).isEqualTo("bad_input");
        assertThat(r.error().get("message").asText()).contains("not JSON").contains("line 1");
    }

    @Test
    void jsonNested10000DeepIs400() {
        Client.Reply r = client.post("/api/v1/echo", "[".repeat(10_000) + "]".repeat(10_000));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("message").asText()).contains("not JSON");
    }

    @Test
    void anArrayInsteadOfAnObjectIs400() {
        assertThat(client.post("/api/v1/echo", "[1, 2]").status()).isEqualTo(400);
    }

    @Test
    void otherMediaTypesAre415() {
        Client.Reply r = client.send(HttpRequest.newBuilder(server.url().resolve("/api/v1/echo")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.error().get("code").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void anUnknownOperationIs404NamingTheOperations() {
        Client.Reply r = client.post("/api/v1/fitt", "{}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error().get("message").asText()).contains("'fitt'").contains("echo");
    }

    @Test
    void anUnknownPathIs404Json() {
        Client.Reply r = client.get("/api/v2/nothing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error().get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void getOnAnOperationIsRefused() {
        Client.Reply r = client.get("/api/v1/echo");
        assertThat(r.status()).isIn(404, 405);
        assertThat(r.contentType()).startsWith("application/json");
    }

    @Test
    void anInputExceptionIs400NamingTheFieldInSnakeCase() {
        Client.Reply r = client.post("/api/v1/input", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("where").asText()).isEqualTo("holdout_above");
        assertThat(r.error().get("message").asText()).startsWith("holdout_above 5 holds out nothing");
    }

    @Test
    void aBugIs500WithoutItsDetailOrStackTrace() {
        Client.Reply r = client.post("/api/v1/bug", "{}");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.error().get("code").asText()).isEqualTo("internal");
        assertThat(r.body()).doesNotContain("secret").doesNotContain("org.bnsl").doesNotContain("\tat ");
    }

    @Test
    void anUnknownFieldIs400NamingTheNearest() {
        Client.Reply r = client.post("/api/v1/sleep", "{\"ms\": 1, \"mss\": 2}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("where").asText()).isEqualTo("mss");
        assertThat(r.error().get("message").asText()).contains("did you mean 'ms'");
    }

    @Test
    void aFieldOfTheWrongTypeIs400AtTheField() {
        Client.Reply r = client.post("/api/v1/sleep", "{\"ms\": \"soon\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("where").asText()).isEqualTo("ms");
    }

    @Test
    void malformedCsvIs400AtTheData() {
        Client.Reply r = client.post("/api/v1/table", Map.of("csv", "a,b\n1,2,3\n\"unclosed"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("where").asText()).isEqualTo("csv");
        assertThat(r.error().get("message").asText()).startsWith("csv");
    }

    @Test
    void rowsAreReadAsATable() {
        Client.Reply r = client.post("/api/v1/table", Map.of("rows", List.of(Map.of("a", 1, "b", 2), Map.of("a", 3, "b", 4))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("rows").asInt()).isEqualTo(2);
    }

    @Test
    void noDataIs400() {
        Client.Reply r = client.post("/api/v1/table", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("message").asText()).contains("no data");
    }

    @Test
    void overTheTimeBudgetIs503WithAReason() {
        Client.Reply r = client.post("/api/v1/sleep", "{\"ms\": 5000}");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.error().get("code").asText()).isEqualTo("timeout");
        assertThat(r.error().get("message").asText()).contains("budget");
        assertThat(client.get("/api/v1/healthz").status()).isEqualTo(200);
    }

    @Test
    void aThousandParallelRequestsGet429sNot5xxAndTheServerStaysUp() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                replies.add(clients.submit(() -> client.post("/api/v1/sleep", "{\"ms\": 20}").status()));
            }
            int ok = 0;
            int busy = 0;
            for (Future<Integer> f : replies) {
                int s = f.get(60, TimeUnit.SECONDS);
                assertThat(s).isIn(200, 429);
                if (s == 200) ok++;
                else busy++;
            }
            assertThat(ok).isPositive();
            assertThat(busy).isPositive();
        } finally {
            clients.shutdownNow();
        }
        assertThat(client.post("/api/v1/sleep", "{\"ms\": 1}").status()).isEqualTo(200);
    }

    @Test
    void pathTraversalOnTheFileRoutesFindsNothing() throws Exception {
        for (String path : List.of("/../openapi.json", "/%2e%2e/openapi.json", "/..%2fopenapi.json", "/webjars/../../simplelogger.properties",
                "/webjars/uplot/1.6.30/../../../org/bnsl/server/openapi.json", "/%2e%2e/%2e%2e/etc/passwd",
                "/..%5c..%5csimplelogger.properties", "/org/bnsl/server/BnslServer.class", "/simplelogger.properties")) {
            int status = rawGet(path);
            assertThat(status).as(path).isIn(400, 404);
        }
        assertThat(client.get("/").status()).isEqualTo(200);
        assertThat(client.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);
    }

    /** A GET sent as written (HttpClient would normalise the path first). */
    private static int rawGet(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    @Test
    void corsIsOffByDefault() {
        Client.Reply r = client.send(HttpRequest.newBuilder(server.url().resolve("/api/v1/healthz")).header("Origin", "https://evil.example")
                .GET().build());
        assertThat(r.status()).isEqualTo(200);
        HttpRequest pre = HttpRequest.newBuilder(server.url().resolve("/api/v1/echo")).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
        try {
            var resp = client.http.send(pre, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(resp.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
