package org.bnsl.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.io.Bnsl;
import org.bnsl.io.FitRun;
import org.bnsl.io.FitSpec;
import org.bnsl.io.GroupResult;
import org.bnsl.io.render.FitReport;
import org.bnsl.io.render.Json;

/**
 * A benchmark, not a test: what a Spark task does per group beyond what the CLI's batch path does,
 * in process, one thread, no Spark. For the same curves, alternately: (a) the CLI's work per group
 * (fit the group of a table read once, render its JSON line); (b) {@link BnslSpark.Fitter}'s work
 * per group (the group's cells as text, sorted, a table of its own, the spec applied to it, the fit,
 * the JSON line, the model file, the result row). Prints the median of each per curve over rounds.
 *
 * <pre>
 * mvn -B -o -pl spark -am test-compile
 * java -cp "spark/target/test-classes:spark/target/classes:io/target/classes:core/target/classes:DEPENDENCIES" \
 *   org.bnsl.spark.GroupOverheadBench [CURVES [ROUNDS [auto]]]
 * </pre>
 * (DEPENDENCIES: {@code mvn dependency:build-classpath} of io and of spark with scope test, without bnsl's
 * own jars; figures in docs/BENCHMARKS.md.)
 */
public final class GroupOverheadBench {
    private GroupOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int curves = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean auto = args.length > 2 && args[2].equals("auto");
        Path csv = Files.createTempFile("overhead", ".csv");
        Curves.write(csv, curves, 7);
        FitSpec.Builder b = FitSpec.builder().x("x").y("y").group("group").threads(1);
        FitSpec spec = (auto ? b.law("auto") : b.breaks(1)).build();

        // (a) the CLI's batch path: the file read once, then per group its fit and its JSON line
        Table table = Table.read(csv);
        FitRun whole = Bnsl.prepare(table, spec, new Bnsl.Prepare(true, false, false, false, law -> { }, null));
        List<SeriesReader.Group> groups = whole.groups();

        // (b) the Spark task's path: per group its rows as cells, then BnslSpark.Fitter
        List<String> columns = table.columns();
        Cells cells = new Cells(columns, List.of("x", "y"));
        BnslSpark.Fitter fitter = new BnslSpark.Fitter(spec, csv.toString(), cells, 0);
        List<List<String[]>> rows = new ArrayList<>();
        String last = null;
        for (int r = 0; r < table.rowCount(); r++) {
            String g = table.text(r, 0);
            if (!g.equals(last)) rows.add(new ArrayList<>());
            last = g;
            String[] row = new String[columns.size()];
            for (int c = 0; c < row.length; c++) row[c] = table.text(r, c);
            rows.get(rows.size() - 1).add(row);
        }

        double[] cli = new double[rounds];
        double[] task = new double[rounds];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (SeriesReader.Group g : groups) {
                GroupResult r = whole.fitGroup(g);
                sink += Json.compact(FitReport.seriesJson(r.model().extrapolation(), whole.columns())).length();
            }
            cli[round] = (System.nanoTime() - t0) / 1e6 / groups.size();
            t0 = System.nanoTime();
            for (List<String[]> group : rows) {
                String key = group.get(0)[0];
                sink += fitter.row(key, key, cells.table(csv.toString(), group)).size();
            }
            task[round] = (System.nanoTime() - t0) / 1e6 / rows.size();
            System.out.printf(Locale.ROOT, "round %d: CLI path %.3f ms/curve, Spark task path %.3f ms/curve%n", round + 1, cli[round],
                    task[round]);
        }
        Arrays.sort(cli);
        Arrays.sort(task);
        System.out.printf(Locale.ROOT, "%d curves%s, %d rounds, medians: CLI path %.3f ms/curve, Spark task path %.3f ms/curve, "
                + "overhead %.3f ms/curve (%.0f%%)   [%d]%n", curves, auto ? " (--law auto)" : " (--breaks 1)", rounds, cli[rounds / 2],
                task[rounds / 2], task[rounds / 2] - cli[rounds / 2], 100 * (task[rounds / 2] / cli[rounds / 2] - 1), sink % 10);
        Files.delete(csv);
    }
}
