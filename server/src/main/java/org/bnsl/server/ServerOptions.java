package org.bnsl.server;

import java.time.Duration;
import java.util.List;

/**
 * How a server listens and what it allows: the address and port, the largest request body, the
 * fits run at once and waiting, the time one request may take, and the origins allowed to call it
 * from another site's pages (none: CORS is off unless asked for).
 *
 * @param bind       the address to listen on (loopback unless told otherwise)
 * @param port       the port, 0 for any free one
 * @param maxUpload  the largest request body in bytes; a larger one is answered 413
 * @param workers    requests computed at once
 * @param queue      requests waiting for a worker; beyond workers + queue a request is answered 429
 * @param timeBudget how long one request may take from admission; beyond it the answer is 503
 * @param corsOrigins origins allowed to call the API from their pages (empty: CORS off)
 */
public record ServerOptions(String bind, int port, long maxUpload, int workers, int queue, Duration timeBudget,
        List<String> corsOrigins) {
    /** 20 MB, the default cap of a request body. */
    public static final long DEFAULT_MAX_UPLOAD = 20L * 1024 * 1024;

    public ServerOptions {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind: an address is needed, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxUpload < 1) {
            throw new IllegalArgumentException("max upload must be at least 1 byte, got " + maxUpload);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("queue must be at least 0, got " + queue);
        }
        if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive, got " + timeBudget);
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    /**
     * The defaults of {@code bnsl serve}: loopback, port 8080, 20 MB, one worker per core, 4 waiting
     * per worker, 60 s per request, no CORS.
     */
    public static ServerOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerOptions("127.0.0.1", 8080, DEFAULT_MAX_UPLOAD, cores, 4 * cores, Duration.ofSeconds(60), List.of());
    }

    public ServerOptions withBind(String b) {
        return new ServerOptions(b, port, maxUpload, workers, queue, timeBudget, corsOrigins);
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(bind, p, maxUpload, workers, queue, timeBudget, corsOrigins);
    }

    public ServerOptions withMaxUpload(long bytes) {
        return new ServerOptions(bind, port, bytes, workers, queue, timeBudget, corsOrigins);
    }

    public ServerOptions withWorkers(int w, int q) {
        return new ServerOptions(bind, port, maxUpload, w, q, timeBudget, corsOrigins);
    }

    public ServerOptions withTimeBudget(Duration d) {
        return new ServerOptions(bind, port, maxUpload, workers, queue, d, corsOrigins);
    }

    public ServerOptions withCorsOrigins(List<String> origins) {
        return new ServerOptions(bind, port, maxUpload, workers, queue, timeBudget, origins);
    }
}
