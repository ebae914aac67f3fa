package org.bnsl.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The load test of {@code bnsl serve} (a benchmark, never run by {@code mvn verify}): starts the
 * server as its own process ({@code java -Xmx256m -jar cli/target/bnsl.jar serve --port 0}), sends
 * {@code --requests} fit requests of the 4-digit-addition curve (1 break) from {@code --clients}
 * concurrent clients on loopback, and prints the status counts, p50/p99 latency, throughput and the
 * server's peak resident memory (VmHWM). The baseline, measured in the same run, is the engine's own
 * time for the same fit in this process ({@code bnsl fit}'s path without HTTP).
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl bench -am
 * java -cp bench/target/benchmarks.jar org.bnsl.bench.ServeLoad --requests 2000 --clients 16 --serve-args "--queue 16"
 * </pre>
 */
public final class ServeLoad {
    private ServeLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new TreeMap<>(Map.of("--requests", "2000", "--clients", "16", "--jar", "cli/target/bnsl.jar",
                "--heap", "256m", "--example", "examples/four_digit_addition.csv", "--serve-args", ""));
        for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i], args[i + 1]);
        int requests = Integer.parseInt(o.get("--requests"));
        int clients = Integer.parseInt(o.get("--clients"));
        String csv = Files.readString(Path.of(o.get("--example")));
        String body = new ObjectMapper().writeValueAsString(Map.of("csv", csv, "x", "dataset_size", "y", "test_cross_entropy", "breaks", 1));

        String loadBefore = loadAverage();
        double engineMs = EngineBaseline.medianMillis(Path.of(o.get("--example")), 200);

        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + o.get("--heap"), "-jar", o.get("--jar"), "serve", "--port", "0"));
        if (!o.get("--serve-args").isBlank()) cmd.addAll(Arrays.asList(o.get("--serve-args").trim().split("\\s+")));
        Process server = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = Pattern.compile("(http://\\S+/)").matcher(line == null ? "" : line);
            if (!m.find()) throw new IllegalStateException("bnsl serve did not print its URL: " + line);
            URI fit = URI.create(m.group(1)).resolve("api/v1/fit");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest req = HttpRequest.newBuilder(fit).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            for (int i = 0; i < 50; i++) http.send(req, HttpResponse.BodyHandlers.ofString()); // warm-up
            long[] latency = new long[requests];
            Map<Integer, AtomicInteger> statuses = new TreeMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicLong failures = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < requests;) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
                        } catch (IOException | InterruptedException e) {
                            status = -1;
                            failures.incrementAndGet();
                        }
                        latency[i] = System.nanoTime() - t0;
                        synchronized (statuses) {
                            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long hwm = peakRssKb(server.pid());
            Arrays.sort(latency);
            double p50 = latency[(int) Math.floor(0.50 * (requests - 1))] / 1e6;
            double p99 = latency[(int) Math.floor(0.99 * (requests - 1))] / 1e6;
            int fiveXX = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(e -> e.getValue().get()).sum();
            System.out.printf(Locale.ROOT, "bnsl serve load: %d fit requests (4-digit addition, 1 break) from %d clients; server: %s; %d cores%n",
                    requests, clients, String.join(" ", cmd.subList(1, cmd.size())), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  statuses %s, 5xx %d, connection failures %d%n", statuses, fiveXX, failures.get());
            System.out.printf(Locale.ROOT, "  latency p50 %.1f ms, p99 %.1f ms; throughput %.1f requests/s (%.1f s)%n", p50, p99,
                    requests / seconds, seconds);
            System.out.printf(Locale.ROOT, "  server peak RSS %.0f MB%n", hwm / 1024.0);
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "  baseline, same run: the engine's fit in process %.2f ms (median of 200, one thread), so %d workers"
                    + " fit at most %.1f/s; server throughput / that = %.2fx; p50 / engine = %.1fx (queueing: %d clients on %d workers)%n",
                    engineMs, cores, cores * 1000 / engineMs, requests / seconds / (cores * 1000 / engineMs), p50 / engineMs, clients, cores);
            System.out.printf(Locale.ROOT, "  load average before/after: %s / %s%n", loadBefore, loadAverage());
            if (fiveXX > 0 || failures.get() > 0) {
                System.exit(1);
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** The 1-minute load average (Linux /proc), to say how busy the shared machine was. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The peak resident set of a process in KB (Linux /proc), or -1. */
    static long peakRssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("\\D", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
