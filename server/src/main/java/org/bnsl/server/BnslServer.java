package org.bnsl.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.bnsl.InputException;
import org.bnsl.io.OptionException;
import org.bnsl.io.report.HtmlReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;

/**
 * The server behind {@code bnsl serve}: the REST API under {@code /api/v1} and the page at
 * {@code /} (with the HTML report's stylesheet at {@code /report.css}), on Javalin.
 *
 * <p>Limits, so that no request can take the server down: a body larger than
 * {@link ServerOptions#maxUpload()} is answered 413 (before it is read when its length is declared);
 * at most {@code workers + queue} requests are admitted at once, and one more is answered 429 at
 * once, before its body is read (so memory is bounded by about that many bodies); an admitted
 * request is computed on a pool of {@code workers} threads and answered 503 when it takes longer
 * than the time budget (its slot is freed only when its computation ends, so a runaway fit keeps
 * new work out rather than piling up). Errors are JSON {@code {"error": {"code", "message",
 * "where"}}}; a bug is logged here and answered 500 without its stack trace. Uploads are read in
 * memory and never written to disk. CORS is off unless origins are given.
 */
public final class BnslServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BnslServer.class);
    static final String API = "/api/v1";
    private static final String PAGE = "/org/bnsl/server/page";

    private final ServerOptions options;
    private final Map<String, Endpoint> endpoints;
    private final ThreadPoolExecutor pool;
    private final Semaphore admitted;
    private final Javalin app;

    private BnslServer(ServerOptions options, Map<String, Endpoint> endpoints) {
        this.options = options;
        this.endpoints = Map.copyOf(endpoints);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(options.workers(), options.workers(), 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "bnsl-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.admitted = new Semaphore(options.workers() + options.queue());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            config.http.maxRequestSize = options.maxUpload();
            // a multipart upload stays in memory: the in-memory threshold is the cap itself
            config.jetty.multipartConfig.maxFileSize(options.maxUpload(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(options.maxUpload(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, options.maxUpload()), SizeUnit.BYTES);
            config.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = PAGE;
                s.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            if (!options.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    for (String o : options.corsOrigins()) rule.allowHost(o);
                }));
            }
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'");
            });
            // the report's stylesheet, for the report's tables the page shows (output "tables")
            config.routes.get("/report.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(HtmlReport.css()));
            config.routes.get(API + "/healthz", ctx -> ctx.contentType(Answer.JSON).result(health()));
            config.routes.get(API + "/laws", ctx -> ctx.contentType(Answer.JSON).result(Api.laws()));
            config.routes.get(API + "/openapi.json", ctx -> ctx.contentType(Answer.JSON).result(openApi()));
            config.routes.post(API + "/{operation}", this::handle);
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, httpError(e, ctx)));
            config.routes.exception(Exception.class, (e, ctx) -> error(ctx, internal(e)));
            config.router.javaLangErrorHandler((res, err) -> {
                LOG.error("internal error", err);
                res.setStatus(500);
                res.setContentType(Answer.JSON);
                try {
                    res.getOutputStream().write(Http.errorJson("internal", "internal error (please report)", null)
                            .getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the client has gone
                }
            });
            config.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("{")) {
                    ctx.contentType(Answer.JSON).result(Http.errorJson("not_found", "no such path: " + ApiRequest.clip(ctx.path()), null));
                }
            });
            config.routes.error(405, "*", ctx -> ctx.contentType(Answer.JSON)
                    .result(Http.errorJson("method_not_allowed", ctx.method() + " is not allowed on " + ApiRequest.clip(ctx.path()), null)));
        });
    }

    /** Starts a server with the API's endpoints. */
    public static BnslServer start(ServerOptions options) {
        return start(options, Api.endpoints());
    }

    /** Starts a server with these endpoints (tests add slow or failing ones). */
    static BnslServer start(ServerOptions options, Map<String, Endpoint> endpoints) {
        BnslServer s = new BnslServer(options, endpoints);
        try {
            s.app.start();
        } catch (RuntimeException e) {
            s.pool.shutdownNow();
            throw new IllegalStateException("cannot listen on " + options.bind() + ":" + options.port() + ": "
                    + rootMessage(e), e);
        }
        return s;
    }

    /** The address of the page, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return URI.create("http://" + host + ":" + app.port() + "/");
    }

    public int port() {
        return app.port();
    }

    /** Stops listening and ends the workers. */
    @Override
    public void close() {
        app.stop();
        pool.shutdownNow();
    }

    private String health() {
        ObjectNode o = Http.MAPPER.createObjectNode();
        o.put("status", "ok");
        o.put("version", version());
        o.put("workers", options.workers());
        o.put("busy", pool.getActiveCount());
        o.put("queued", pool.getQueue().size());
        return o.toPrettyString() + "\n";
    }

    static String version() {
        String v = BnslServer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    private static String openApi() throws IOException {
        try (InputStream in = BnslServer.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** POST /api/v1/{operation}: admit, read, compute on the pool within the budget, answer. */
    private void handle(Context ctx) throws IOException {
        String name = ctx.pathParam("operation");
        Endpoint endpoint = endpoints.get(name);
        if (endpoint == null) {
            throw new ApiException(404, "not_found", "no operation '" + ApiRequest.clip(name) + "'; the operations are "
                    + String.join(", ", endpoints.keySet().stream().sorted().toList()), null);
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > options.maxUpload()) {
            throw Http.tooLarge(options.maxUpload());
        }
        if (!admitted.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new ApiException(429, "busy", "the server is busy: " + (options.workers() + options.queue())
                    + " requests are running or waiting; try again shortly", null);
        }
        long start = System.nanoTime();
        boolean handedOver = false;
        try {
            ApiRequest request = new ApiRequest(read(ctx));
            Future<?>[] task = new Future<?>[1];
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            task[0] = pool.submit(() -> {
                try {
                    Answer a = endpoint.handle(request);
                    request.checkAllRead();
                    answer.complete(a);
                } catch (Throwable t) {
                    answer.completeExceptionally(t);
                } finally {
                    admitted.release();
                }
            });
            handedOver = true;
            long left = options.timeBudget().toNanos() - (System.nanoTime() - start);
            CompletableFuture<Void> done = answer.orTimeout(Math.max(left, 1), TimeUnit.NANOSECONDS).handle((a, t) -> {
                if (t == null) {
                    ctx.status(200).contentType(a.contentType()).result(a.body());
                    return null;
                }
                Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                if (cause instanceof TimeoutException) {
                    // not interrupted: the fitters do not stop on it, and an interrupt while a class loads
                    // closes the jar's channel for every thread; a task that has not started is dropped
                    task[0].cancel(false);
                    error(ctx, new ApiException(503, "timeout", "the request took longer than this server's budget of "
                            + options.timeBudget().toSeconds() + " s (bnsl serve --time-budget); ask for less work (fewer points, "
                            + "bootstrap resamples or candidates)", null));
                } else {
                    error(ctx, toApi(cause, request));
                }
                return null;
            });
            ctx.future(() -> done);
        } finally {
            if (!handedOver) {
                admitted.release();
            }
        }
    }

    /** The request's fields: a JSON object, or a multipart form whose file parts are the data. */
    private ObjectNode read(Context ctx) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return readMultipart(ctx);
        }
        if (!type.isEmpty() && !type.startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send application/json or multipart/form-data, not "
                    + ApiRequest.clip(type), null);
        }
        byte[] body = Http.readBounded(ctx.req().getInputStream(), options.maxUpload());
        JsonNode n;
        try {
            n = Http.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badInput("the request is not JSON: " + Http.jsonProblem(e), null);
        }
        if (n == null || !n.isObject()) {
            throw ApiException.badInput("the request must be a JSON object of fields, e.g. {\"csv\": \"...\", \"x\": \"...\", \"y\": \"...\"}",
                    null);
        }
        return (ObjectNode) n;
    }

    private ObjectNode readMultipart(Context ctx) {
        ObjectNode fields = Http.MAPPER.createObjectNode();
        try {
            for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue; // a file part, read below
                }
                if (e.getValue().size() != 1) {
                    throw ApiException.badInput(e.getKey() + " is given " + e.getValue().size() + " times", e.getKey());
                }
                fields.put(e.getKey(), e.getValue().get(0));
            }
            for (Map.Entry<String, List<UploadedFile>> e : ctx.uploadedFileMap().entrySet()) {
                if (e.getValue().size() != 1) {
                    throw ApiException.badInput(e.getKey() + " is given " + e.getValue().size() + " times", e.getKey());
                }
                UploadedFile f = e.getValue().get(0);
                try (InputStream in = f.content()) {
                    fields.put(e.getKey(), new String(Http.readBounded(in, options.maxUpload()), StandardCharsets.UTF_8));
                }
                if (e.getKey().equals("csv") && !fields.has("name") && f.filename() != null && !f.filename().isBlank()) {
                    fields.put("name", f.filename()); // the data is named as its file would be on the command line
                }
            }
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            String m = rootMessage(e);
            if (m.toLowerCase(java.util.Locale.ROOT).contains("exceed") || m.contains("413")) {
                throw Http.tooLarge(options.maxUpload());
            }
            throw ApiException.badInput("the multipart form cannot be read: " + ApiRequest.clip(m), null);
        }
        return fields;
    }

    /** Javalin's own refusals (no route, wrong method, too large) in the API's error shape. */
    private ApiException httpError(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 413 -> Http.tooLarge(options.maxUpload());
            case 404 -> new ApiException(404, "not_found", "no such path: " + ApiRequest.clip(ctx.path()), null);
            case 405 -> new ApiException(405, "method_not_allowed", ctx.method() + " is not allowed on " + ApiRequest.clip(ctx.path()), null);
            default -> new ApiException(e.getStatus(), "http_" + e.getStatus(), ApiRequest.clip(String.valueOf(e.getMessage())), null);
        };
    }

    /** What the client is told about an exception from an endpoint. */
    private static ApiException toApi(Throwable t, ApiRequest request) {
        if (t instanceof ApiException a) {
            return a;
        }
        if (t instanceof InputException e) {
            return Http.fromInput(e, request);
        }
        if (t instanceof OptionException e) {
            ApiException a = Http.fromInput(e, request);
            String where = e.option() == null ? a.where() : e.option().replaceFirst("^--", "").replace('-', '_');
            return ApiException.badInput(a.getMessage(), where);
        }
        if (t instanceof IllegalArgumentException e && e.getMessage() != null) {
            return ApiException.badInput(ApiRequest.clip(e.getMessage()), null); // Model's arity and domain checks
        }
        if (t instanceof StackOverflowError) {
            return ApiException.badInput("the request nests too deeply to be read", null);
        }
        return internal(t);
    }

    private static ApiException internal(Throwable t) {
        if (t instanceof ApiException a) {
            return a;
        }
        LOG.error("internal error", t);
        return new ApiException(500, "internal", "internal error (please report): " + t.getClass().getSimpleName(), null);
    }

    private static void error(Context ctx, ApiException e) {
        ctx.status(e.status()).contentType(Answer.JSON).result(Http.errorJson(e.code(), e.getMessage(), e.where()));
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
