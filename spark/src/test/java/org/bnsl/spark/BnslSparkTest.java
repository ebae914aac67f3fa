package org.bnsl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.bnsl.InputException;
import org.bnsl.io.FitSpec;
import org.bnsl.io.OptionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BnslSpark#fit} in local mode against the CLI on the same file: {@code bnsl fit --group
 * --jsonl} is run in process, and every group's {@code result} must be its line, to the last
 * character (so every parameter to the last digit).
 */
class BnslSparkTest {
    /** A few hundred groups, as the issue asks; 20 points each. */
    static final int CURVES = 240;

    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path csv;
    static Dataset<Row> rows;
    static Map<String, String> cli;
    /** Every group of {@link #rows} fitted once (name, result, error), shared by the tests that read it. */
    static List<Row> all;

    @BeforeAll
    static void fitBoth() {
        spark = LocalSpark.session();
        csv = Curves.write(dir.resolve("curves.csv"), CURVES, 7);
        // the poisoned groups: a bad cell, and too few points for one break
        Curves.append(csv, "poison,1,abc\npoison,10,0.5\npoison,100,0.4\nshort,1,1.0\nshort,10,0.5\n");
        rows = FitJob.read(spark, csv.toString(), "csv");
        cli = Curves.cliJsonl(csv, "--x", "x", "--y", "y", "--group", "group", "--breaks", "1");
        all = BnslSpark.fit(rows, spec().build(), csv.toString()).select("name", "result", "error").collectAsList();
    }

    private static FitSpec.Builder spec() {
        return FitSpec.builder().x("x").y("y").group("group").breaks(1);
    }

    /** name → result (the CLI's line) of each row. */
    private static Map<String, String> results(Dataset<Row> fits) {
        return results(fits.select("name", "result").collectAsList());
    }

    private static Map<String, String> results(List<Row> rows) {
        Map<String, String> m = new TreeMap<>();
        for (Row r : rows) {
            m.put(r.getString(0), r.getString(1));
        }
        return m;
    }

    @Test
    void everyGroupEqualsTheCliJsonLineToTheLastDigit() {
        Map<String, String> spark = results(all);
        Map<String, String> expected = new TreeMap<>(cli);
        expected.remove("poison"); // its reason names a line of the file: see the next test
        spark.remove("poison");
        assertThat(spark).hasSize(CURVES + 1).isEqualTo(expected);
    }

    @Test
    void aPoisonedGroupIsAnErrorRowAndTheOthersAreFitted() {
        Map<String, String> errors = new TreeMap<>();
        for (Row r : all) {
            if (r.getString(2) != null) errors.put(r.getString(0), r.getString(2));
        }
        assertThat(errors).containsOnlyKeys("poison", "short");
        // the CLI names the file's line (242·20 + 2); Spark names the point's place in its group
        assertThat(cli.get("poison")).contains(csv + ":" + (CURVES * 20 + 2) + ": column 'y': 'abc' is not a number");
        assertThat(errors.get("poison")).isEqualTo(csv + ":1: column 'y': 'abc' is not a number");
        assertThat(errors.get("short")).isNotBlank().doesNotContain("\n");
        assertThat(all.stream().filter(r -> r.getString(2) == null).count()).isEqualTo(CURVES);
    }

    @Test
    void theColumnsHoldTheFit() {
        Row r = BnslSpark.fit(rows.filter(functions.col("group").equalTo("g0003")), spec().holdoutAbove(2000.0).build(), "curves")
                .collectAsList().get(0);
        assertThat(r.<String>getAs("group")).isEqualTo("g0003");
        assertThat(r.<String>getAs("law")).isEqualTo("bnsl");
        assertThat(r.<Integer>getAs("breaks")).isEqualTo(1);
        scala.collection.Map<String, Double> p = r.getMap(r.fieldIndex("parameters"));
        assertThat(p.size()).isEqualTo(6);
        assertThat(r.<Integer>getAs("holdout_n")).isEqualTo(4); // x = 10^(4i/19) > 2000 for i = 16..19
        assertThat(r.<Integer>getAs("train_n")).isEqualTo(16);
        assertThat(r.getList(r.fieldIndex("holdout_points"))).hasSize(4);
        assertThat(r.<String>getAs("model")).contains("\"format\" : \"bnsl-model\"").contains("\"source\" : \"curves\"");
        assertThat(r.<String>getAs("error")).isNull();
    }

    @Test
    void withABootstrapAndAHoldoutTheIntervalsEqualTheCli() {
        Path small = Curves.write(dir.resolve("boot.csv"), 30, 11);
        Map<String, String> expected = Curves.cliJsonl(small, "--x", "x", "--y", "y", "--group", "group", "--breaks", "1",
                "--holdout-above", "2000", "--bootstrap", "40", "--seed", "5", "--level", "0.8");
        Dataset<Row> fits = BnslSpark.fit(FitJob.read(spark, small.toString(), "csv"),
                spec().holdoutAbove(2000.0).bootstrap(40).seed(5).level(0.8).build(), small.toString());
        assertThat(results(fits)).isEqualTo(new TreeMap<>(expected));
        Row r = fits.filter(functions.col("name").equalTo("g0000")).collectAsList().get(0);
        assertThat(r.<Double>getAs("interval_level")).isEqualTo(0.8);
        assertThat(r.getMap(r.fieldIndex("parameter_intervals")).size()).isEqualTo(6);
        Row point = r.<Row>getList(r.fieldIndex("holdout_points")).get(0);
        assertThat(point.<Double>getAs("lo")).isLessThan(point.<Double>getAs("hi"));
    }

    @Test
    void lawAutoEqualsTheCli() {
        Path small = Curves.write(dir.resolve("auto.csv"), 12, 3);
        Map<String, String> expected = Curves.cliJsonl(small, "--x", "x", "--y", "y", "--group", "group", "--law", "auto");
        Dataset<Row> fits = BnslSpark.fit(FitJob.read(spark, small.toString(), "csv"),
                FitSpec.builder().x("x").y("y").group("group").law("auto").build(), small.toString());
        assertThat(results(fits)).isEqualTo(new TreeMap<>(expected));
    }

    @Test
    void repartitioningOrShufflingTheRowsChangesNothing() {
        FitSpec s = spec().holdoutAbove(2000.0).build();
        Dataset<Row> some = rows.filter(functions.col("group").lt("g0040"));
        List<Row> once = BnslSpark.fit(some, s).orderBy("name").collectAsList();
        List<Row> spread = BnslSpark.fit(some.repartition(7), s).orderBy("name").collectAsList();
        List<Row> shuffled = BnslSpark.fit(some.orderBy(functions.rand(42)).repartition(3), s).orderBy("name").collectAsList();
        assertThat(once).hasSize(40);
        assertThat(spread).isEqualTo(once);
        assertThat(shuffled).isEqualTo(once);
    }

    @Test
    void parquetRoundTripsTheInputAndTheResults() {
        Dataset<Row> some = rows.filter(functions.col("group").lt("g0040"));
        Dataset<Row> typed = some.withColumn("x", functions.col("x").cast(DataTypes.DoubleType))
                .withColumn("y", functions.col("y").cast(DataTypes.DoubleType));
        String in = dir.resolve("in.parquet").toString();
        typed.write().parquet(in);
        Dataset<Row> fits = BnslSpark.fit(spark.read().parquet(in), spec().build(), csv.toString());
        Map<String, String> fromCsv = new TreeMap<>(results(all)).headMap("g0040");
        assertThat(results(fits)).hasSize(40).isEqualTo(fromCsv);

        String out = dir.resolve("fits.parquet").toString();
        fits.write().parquet(out);
        Dataset<Row> back = spark.read().parquet(out);
        assertThat(back.schema()).isEqualTo(fits.schema().asNullable());
        assertThat(back.orderBy("name").collectAsList()).isEqualTo(fits.orderBy("name").collectAsList());
    }

    @Test
    void aModelColumnIsAModelFileThatBnslPredictReads() throws Exception {
        Row r = BnslSpark.fit(rows.filter(functions.col("group").equalTo("g0001")), spec().build(), csv.toString())
                .collectAsList().get(0);
        Path model = Files.writeString(dir.resolve("g0001.json"), r.<String>getAs("model"));
        String[] run = Curves.cli("predict", model.toString(), "--at", "100000", "--json");
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        double a = r.<scala.collection.Map<String, Double>>getAs("parameters").apply("a");
        assertThat(run[1]).contains("\"predicted\"");
        assertThat(a).isPositive();
    }

    @Test
    void badOptionsAndMissingColumnsFailOnTheDriverBeforeAnyJob() {
        assertThatThrownBy(() -> BnslSpark.fit(rows, spec().y("loss").build()))
                .isInstanceOf(InputException.class).hasMessageStartingWith("dataset: no column 'loss'");
        assertThatThrownBy(() -> FitSpec.builder().x("x").y("y").breaks(7).build())
                .isInstanceOf(OptionException.class).hasMessage("--breaks must be between 0 and 4, got 7");
    }

    @Test
    void aGroupWhereKeepsNoRowHasNoRowAsTheCliNeverSeesIt() {
        Dataset<Row> two = rows.filter(functions.col("group").isin("g0000", "g0001"))
                .withColumn("keep", functions.when(functions.col("group").equalTo("g0001"), "0").otherwise("1"));
        List<Row> fits = BnslSpark.fit(two, spec().where("keep > 0.5").build(), "two").collectAsList();
        assertThat(fits).extracting(r -> r.<String>getAs("name")).containsExactly("g0000");
        assertThat(fits.get(0).<String>getAs("result"))
                .isEqualTo(results(BnslSpark.fit(two.filter(functions.col("group").equalTo("g0000")), spec().build(), "two")).get("g0000"));
    }

    @Test
    void withoutAGroupColumnTheWholeDatasetIsOneCurve() {
        Dataset<Row> one = rows.filter(functions.col("group").equalTo("g0002")).drop("group");
        List<Row> fits = BnslSpark.fit(one, FitSpec.builder().x("x").y("y").breaks(1).build(), "runs/one.csv").collectAsList();
        assertThat(fits).hasSize(1);
        assertThat(fits.get(0).<String>getAs("name")).isEqualTo("one");
        assertThat(fits.get(0).<String>getAs("law")).isEqualTo("bnsl");
        assertThat(fits.get(0).schema().fieldNames()[0]).isEqualTo("name");
    }
}
