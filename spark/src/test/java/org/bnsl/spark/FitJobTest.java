package org.bnsl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit job, run in process on the shared local session. */
class FitJobTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path csv;

    @BeforeAll
    static void data() {
        spark = LocalSpark.session();
        csv = Curves.write(dir.resolve("curves.csv"), 25, 13);
        Curves.append(csv, "poison,1,abc\npoison,10,0.5\npoison,100,0.4\n");
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FitJob.run(spark, args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** The lines of every part file of a folder Spark wrote, by group name. */
    private static Map<String, String> lines(Path folder) throws IOException {
        Map<String, String> m = new TreeMap<>();
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().startsWith("part-")).forEach(parts::add);
        }
        for (Path p : parts) {
            for (String line : Files.readAllLines(p)) {
                m.put(Curves.name(line), line);
            }
        }
        return m;
    }

    @Test
    void csvInJsonlOutIsTheCliJsonlAndTheSummaryCountsTheGroups() throws IOException {
        Path out = dir.resolve("fits.jsonl");
        String[] r = run(csv.toString(), out.toString(), "--x", "x", "--y", "y", "--group", "group", "--breaks", "1",
                "--holdout-above", "2000");
        assertThat(r[0]).isEqualTo("3"); // some groups failed, as the CLI says
        assertThat(r[1]).startsWith("bnsl: 25 groups fitted, 1 failed, in ").contains("written to " + out);
        assertThat(r[2].strip()).startsWith("bnsl: 1 of 26 groups failed; the first: poison: " + csv + ":1: column 'y'");
        Map<String, String> cli = Curves.cliJsonl(csv, "--x", "x", "--y", "y", "--group", "group", "--breaks", "1",
                "--holdout-above", "2000");
        cli.remove("poison");
        Map<String, String> job = lines(out);
        job.remove("poison");
        assertThat(job).hasSize(25).isEqualTo(new TreeMap<>(cli));
    }

    @Test
    void jsonlInParquetOutHasOneRowPerGroup() throws IOException {
        Path jsonl = dir.resolve("curves.jsonl");
        List<String> json = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, 41)) {
            String[] c = line.split(",");
            json.add("{\"group\":\"" + c[0] + "\",\"x\":" + c[1] + ",\"y\":" + c[2] + "}");
        }
        Files.write(jsonl, json);
        Path out = dir.resolve("fits.parquet");
        String[] r = run(jsonl.toString(), out.toString(), "--x=x", "--y=y", "--group=group", "--breaks=1");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).startsWith("bnsl: 2 groups fitted, 0 failed");
        List<Row> fits = spark.read().parquet(out.toString()).orderBy("name").collectAsList();
        assertThat(fits).extracting(f -> f.<String>getAs("group")).containsExactly("g0000", "g0001");
        assertThat(fits).allSatisfy(f -> assertThat(f.<String>getAs("law")).isEqualTo("bnsl"));
    }

    @Test
    void whitespaceAroundHeadersAndCellsIsDroppedAsTheCliDropsIt() throws IOException {
        List<String> lines = Files.readAllLines(csv).subList(0, 21);
        List<String> spaced = new ArrayList<>();
        for (String line : lines) spaced.add(" " + line.replace(",", " , ") + " ");
        Path in = Files.write(dir.resolve("spaced.csv"), spaced);
        Path out = dir.resolve("spaced.jsonl");
        String[] r = run(in.toString(), out.toString(), "--x", "x", "--y", "y", "--group", "group", "--breaks", "1");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(lines(out)).isEqualTo(new TreeMap<>(Curves.cliJsonl(in, "--x", "x", "--y", "y", "--group", "group", "--breaks", "1")));
    }

    @Test
    void helpNamesTheOptions() {
        String[] r = run("--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).startsWith("Usage: spark-submit --class org.bnsl.spark.FitJob").contains("--holdout-above").contains("--law");
    }

    @Test
    void badUsageIsOneLineAndExitCode2() {
        String[] r = run(csv.toString(), dir.resolve("x.parquet").toString(), "--x", "x", "--y", "y", "--breaks", "9");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).isEqualTo("bnsl: --breaks must be between 0 and 4, got 9" + System.lineSeparator());

        r = run(csv.toString(), dir.resolve("x.parquet").toString(), "--x", "x", "--y", "y", "--threads", "4");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("bnsl: --threads is not an option of the Spark job");

        r = run(csv.toString(), dir.resolve("x.parquet").toString(), "--x", "x", "--y", "loss");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("bnsl: " + csv + ": no column 'loss'; the columns are: group, x, y");

        r = run(csv.toString(), csv.toString(), "--x", "x", "--y", "y");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("is the input");

        r = run(dir.resolve("missing.csv").toString(), dir.resolve("y.parquet").toString(), "--x", "x", "--y", "y");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("bnsl: " + dir.resolve("missing.csv") + ": cannot read: ").doesNotContain("\tat ");
    }
}
