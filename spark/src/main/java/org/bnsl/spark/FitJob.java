package org.bnsl.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bnsl.InputException;
import org.bnsl.io.FitSpec;
import org.bnsl.io.OptionException;

/**
 * The job for {@code spark-submit}: {@code bnsl fit} on a dataset too large for one machine.
 *
 * <pre>
 * spark-submit --class org.bnsl.spark.FitJob bnsl-spark-job.jar IN OUT [bnsl fit options]
 * </pre>
 *
 * IN is Parquet (a {@code .parquet} file or a folder), CSV ({@code .csv}, with a header) or JSON
 * lines ({@code .jsonl}, {@code .json}, {@code .ndjson}); {@code --input-format} says which when the
 * name does not. OUT is Parquet (the columns of {@link BnslSpark#fit}), or JSON lines when it ends
 * in {@code .jsonl} or {@code --output-format jsonl} is given: then each line is what
 * {@code bnsl fit --jsonl} prints for that group. Spark writes OUT as a folder of part files and
 * refuses one that exists.
 *
 * <p>The options are {@code bnsl fit}'s, with the same names and values, and go into the same
 * {@link FitSpec} (where they are checked): {@code --x --var --y --group --where --weights --law
 * --formula --breaks --fallback --candidates --space --loss --overestimate-penalty --init --bound
 * --fix --direction --x-offset --holdout-above --holdout-where --bootstrap --seed --level}. The
 * CLI's output and terminal options ({@code --out --json --jsonl --plot --sorted --quiet
 * --threads}) have no meaning here and are refused by name.
 *
 * <p>At the end it prints a summary: groups fitted and failed (with the first failure), and the
 * time. Exit codes as the CLI's: 0, 2 for bad input or usage (one line {@code bnsl: ...}), 3 when
 * some groups failed.
 */
public final class FitJob {
    static final int OK = 0;
    static final int BAD_INPUT = 2;
    static final int SOME_FAILED = 3;

    private FitJob() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("bnsl fit").getOrCreate();
        int code;
        try {
            code = run(spark, args, System.out, System.err);
        } finally {
            spark.stop();
        }
        if (code != OK) System.exit(code);
    }

    /** What a run was told: input, output, their formats, and the fit. */
    record Args(String in, String out, String inFormat, String outFormat, FitSpec spec) {
    }

    /** Runs the job on {@code spark}; returns the exit code. */
    static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err) {
        long t0 = System.nanoTime();
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return OK;
        }
        Args a;
        try {
            a = parse(args);
        } catch (InputException | OptionException e) {
            err.println("bnsl: " + e.getMessage());
            return BAD_INPUT;
        }
        Dataset<Row> fits;
        try {
            fits = BnslSpark.fit(read(spark, a.in(), a.inFormat()), a.spec(), a.in());
        } catch (InputException | OptionException e) {
            err.println("bnsl: " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception e) { // Spark's AnalysisException (no such path, not Parquet) is checked but undeclared
            if (!(e instanceof org.apache.spark.sql.AnalysisException)) throw e;
            err.println("bnsl: " + a.in() + ": cannot read: " + firstLine(e.getMessage()));
            return BAD_INPUT;
        }
        try {
            if (a.outFormat().equals("jsonl")) {
                fits.select("result").write().text(a.out());
            } else {
                fits.write().parquet(a.out());
            }
        } catch (Exception e) { // as above: OUT exists, or cannot be written
            if (!(e instanceof org.apache.spark.sql.AnalysisException)) throw e;
            err.println("bnsl: " + a.out() + ": cannot write: " + firstLine(e.getMessage()));
            return BAD_INPUT;
        }
        // The summary is read back from OUT: the fits are not computed twice (nor cached, which would
        // keep adaptive execution from coalescing the shuffle's partitions).
        Dataset<Row> written = a.outFormat().equals("jsonl")
                ? spark.read().text(a.out()).select(
                        functions.get_json_object(functions.col("value"), "$.name").as("name"),
                        functions.get_json_object(functions.col("value"), "$.error").as("error"))
                : spark.read().parquet(a.out()).select("name", "error");
        Row counts = written.agg(functions.count(functions.lit(1)), functions.count(functions.col("error"))).first();
        long total = counts.getLong(0);
        long failures = counts.getLong(1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "bnsl: %d groups fitted, %d failed, in %.1f s; written to %s%n", total - failures, failures, seconds,
                a.out());
        if (failures > 0) {
            Row first = written.filter(functions.col("error").isNotNull()).orderBy("name").first();
            err.println("bnsl: " + failures + " of " + total + " groups failed; the first: " + first.getString(0) + ": " + first.getString(1));
            return SOME_FAILED;
        }
        return OK;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Reads IN in its format; every CSV cell stays text, so it is parsed (and reported) as the CLI does. */
    static Dataset<Row> read(SparkSession spark, String in, String format) {
        switch (format) {
            case "csv": // whitespace around headers and cells is dropped, as the CLI's reader drops it
                return spark.read().option("header", "true").option("inferSchema", "false").option("mode", "FAILFAST")
                        .option("ignoreLeadingWhiteSpace", "true").option("ignoreTrailingWhiteSpace", "true").csv(in);
            case "jsonl":
                return spark.read().option("mode", "FAILFAST").json(in);
            default:
                return spark.read().parquet(in);
        }
    }

    /** The options of {@code bnsl fit} that go into a {@link FitSpec}, by name. */
    private static final Map<String, BiConsumer<FitSpec.Builder, String>> OPTIONS = Map.ofEntries(
            Map.entry("--x", FitSpec.Builder::x),
            Map.entry("--var", FitSpec.Builder::var),
            Map.entry("--y", FitSpec.Builder::y),
            Map.entry("--group", FitSpec.Builder::group),
            Map.entry("--where", FitSpec.Builder::where),
            Map.entry("--weights", FitSpec.Builder::weights),
            Map.entry("--law", FitSpec.Builder::law),
            Map.entry("--formula", FitSpec.Builder::formula),
            Map.entry("--breaks", (b, v) -> b.breaks(v)),
            Map.entry("--fallback", FitSpec.Builder::fallback),
            Map.entry("--candidates", (b, v) -> b.candidates(Arrays.asList(v.split(",")))),
            Map.entry("--space", FitSpec.Builder::space),
            Map.entry("--loss", FitSpec.Builder::loss),
            Map.entry("--overestimate-penalty", (b, v) -> b.overestimatePenalty(number("--overestimate-penalty", v))),
            Map.entry("--init", FitSpec.Builder::init),
            Map.entry("--bound", FitSpec.Builder::bound),
            Map.entry("--fix", FitSpec.Builder::fix),
            Map.entry("--direction", FitSpec.Builder::direction),
            Map.entry("--x-offset", (b, v) -> b.xOffset(number("--x-offset", v))),
            Map.entry("--holdout-above", (b, v) -> b.holdoutAbove(number("--holdout-above", v))),
            Map.entry("--holdout-where", FitSpec.Builder::holdoutWhere),
            Map.entry("--bootstrap", (b, v) -> b.bootstrap((int) integer("--bootstrap", v))),
            Map.entry("--seed", (b, v) -> b.seed(integer("--seed", v))),
            Map.entry("--level", (b, v) -> b.level(number("--level", v))));

    /** The CLI's options that do not apply to a Spark job, and why. */
    private static final Map<String, String> REFUSED = Map.of(
            "--out", "each group's model file is in the 'model' column of OUT",
            "--json", "OUT ending in .jsonl (or --output-format jsonl) holds the JSON lines",
            "--jsonl", "OUT ending in .jsonl (or --output-format jsonl) holds the JSON lines",
            "--plot", "draw a group with 'bnsl plot' on its model file",
            "--sorted", "Spark groups the rows itself",
            "--quiet", "Spark reports progress in its own UI",
            "--threads", "Spark fits one group per task; give executors and cores to spark-submit");

    /** What {@code --help} prints. */
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: spark-submit --class org.bnsl.spark.FitJob bnsl-spark-job.jar IN OUT [options of bnsl fit]",
            "Fits a scaling law to each group of IN, as 'bnsl fit --group COL' does, on Spark.",
            "  IN   Parquet (.parquet or a folder), CSV (.csv, with a header) or JSON lines (.jsonl, .json, .ndjson)",
            "  OUT  Parquet (one row per group), or JSON lines when it ends in .jsonl (the lines of bnsl fit --jsonl)",
            "  --input-format parquet|csv|jsonl, --output-format parquet|jsonl  when the names do not say",
            "Options: " + String.join(" ", new java.util.TreeSet<>(OPTIONS.keySet())),
            "Exit codes: 0; 2 bad input or usage; 3 some groups failed.");

    static Args parse(String[] args) {
        List<String> positional = new ArrayList<>();
        FitSpec.Builder b = FitSpec.builder();
        String inFormat = null;
        String outFormat = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (REFUSED.containsKey(name)) {
                throw new OptionException(name, name + " is not an option of the Spark job: " + REFUSED.get(name));
            }
            if (!OPTIONS.containsKey(name) && !name.equals("--input-format") && !name.equals("--output-format")) {
                throw new OptionException(name, "unknown option '" + name + "'; the job takes IN OUT and the options of 'bnsl fit'");
            }
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new OptionException(name, "missing a value for " + name);
            }
            if (name.equals("--input-format")) {
                inFormat = format(name, value, List.of("parquet", "csv", "jsonl"));
            } else if (name.equals("--output-format")) {
                outFormat = format(name, value, List.of("parquet", "jsonl"));
            } else {
                OPTIONS.get(name).accept(b, value);
            }
        }
        if (positional.size() != 2) {
            throw new OptionException("IN", "expected IN and OUT (input and output paths), got " + positional.size() + " path(s)"
                    + (positional.isEmpty() ? "" : ": " + String.join(" ", positional)));
        }
        String in = positional.get(0);
        String out = positional.get(1);
        if (normalise(in).equals(normalise(out))) {
            throw new OptionException("OUT", "OUT " + out + " is the input; choose another path");
        }
        if (inFormat == null) inFormat = formatOf(in, true);
        if (outFormat == null) outFormat = formatOf(out, false);
        return new Args(in, out, inFormat, outFormat, b.build());
    }

    private static String normalise(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.startsWith("file:") ? p.substring(5) : p;
    }

    private static String formatOf(String path, boolean input) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.endsWith(".jsonl") || p.endsWith(".ndjson") || (input && p.endsWith(".json"))) return "jsonl";
        if (input && p.endsWith(".csv")) return "csv";
        return "parquet";
    }

    private static String format(String option, String value, List<String> allowed) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new OptionException(option, option + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return v;
    }

    private static double number(String option, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new OptionException(option, option + ": '" + v + "' is not a number");
        }
    }

    private static long integer(String option, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new OptionException(option, option + ": '" + v + "' is not a whole number");
        }
    }
}
