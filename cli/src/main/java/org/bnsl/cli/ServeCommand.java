package org.bnsl.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.bnsl.InputException;
import org.bnsl.server.BnslServer;
import org.bnsl.server.ServerOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bnsl serve}: the web page and the REST API ({@code /api/v1}) on one port, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the page (drop a CSV, see the fit) and the REST API under /api/v1:",
            "fit, compare, predict, plan and backtest, each answering what --json prints.",
            "Listens on loopback unless --bind says otherwise. Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "the port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "the address to listen on; 0.0.0.0 opens the server to the network (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "20MB",
            description = "the largest request, e.g. 20MB, 512KB; larger ones get 413 (default: ${DEFAULT-VALUE})")
    String maxUpload;

    @Option(names = "--workers", paramLabel = "N", description = "requests computed at once (default: all cores)")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N", description = "requests waiting for a worker; beyond them the answer is 429 (default: 4 per worker)")
    Integer queue;

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "60",
            description = "the longest one request may take; beyond it the answer is 503 (default: ${DEFAULT-VALUE})")
    double timeBudget;

    @Option(names = "--cors", paramLabel = "ORIGIN", description = "allow pages of this origin to call the API (e.g. https://example.org); CORS is off without it")
    List<String> cors = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = options();
        BnslServer server;
        try {
            server = BnslServer.start(options);
        } catch (IllegalStateException e) {
            throw new InputException("--port " + port + " --bind " + bind + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "bnsl-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(bind).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        out.println("bnsl serve: " + server.url() + " (API under " + server.url().resolve("api/v1/") + "; "
                + (loopback ? "" : "open to the network on " + bind + ", with no authentication; ") + "Ctrl-C stops)");
        out.flush();
        stopped.await();
        return Main.OK;
    }

    /** The server's options from the command line, checked. */
    ServerOptions options() {
        ServerOptions d = ServerOptions.defaults();
        if (port < 0 || port > 65535) throw usage("--port must be between 0 and 65535, got " + port);
        if (workers != null && workers < 1) throw usage("--workers must be at least 1, got " + workers);
        if (queue != null && queue < 0) throw usage("--queue must be at least 0, got " + queue);
        if (!(timeBudget > 0) || !Double.isFinite(timeBudget)) throw usage("--time-budget must be a positive number of seconds, got " + timeBudget);
        int w = workers != null ? workers : d.workers();
        int q = queue != null ? queue : 4 * w;
        return d.withBind(bind).withPort(port).withMaxUpload(parseSize(maxUpload)).withWorkers(w, q)
                .withTimeBudget(Duration.ofMillis(Math.max(1, Math.round(timeBudget * 1000)))).withCorsOrigins(cors);
    }

    /** 20MB, 512KB, 1GB or a number of bytes (KB = 1024 bytes). */
    long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (String[] u : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw usage("--max-upload: '" + text + "' is not a size; expected e.g. 20MB, 512KB or a number of bytes");
        }
        if (!(v >= 1) || v * unit > Integer.MAX_VALUE - 8) {
            throw usage("--max-upload must be between 1 byte and 2GB, got " + text);
        }
        return (long) (v * unit);
    }

    private CommandLine.ParameterException usage(String m) {
        return new CommandLine.ParameterException(spec.commandLine(), m);
    }
}
