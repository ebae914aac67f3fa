package org.bnsl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bnsl.InputException;
import org.bnsl.io.OptionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link BnslSpark#backtest} against {@code bnsl backtest --json}, run as a process on the same file. */
class BacktestTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path csv;
    static Dataset<Row> rows;

    @BeforeAll
    static void data() {
        spark = LocalSpark.session();
        csv = Curves.write(dir.resolve("curves.csv"), 12, 21);
        rows = FitJob.read(spark, csv.toString(), "csv");
    }

    private static final BacktestOptions OPTIONS = BacktestOptions.above("x", "y", 2000).withGroup("group");

    @Test
    void everyCurveEqualsItsEntryInTheCliReport() throws Exception {
        String[] r = Curves.cli("backtest", csv.toString(), "--x", "x", "--y", "y", "--group", "group", "--holdout-above", "2000",
                "--json", "--quiet");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        ObjectMapper json = new ObjectMapper();
        Map<String, String> expected = new TreeMap<>();
        for (JsonNode c : json.readTree(r[1]).path("per_curve")) {
            expected.put(c.path("curve").asText(), json.writeValueAsString(c));
        }
        Map<String, String> got = new TreeMap<>();
        for (Row row : BnslSpark.backtest(rows.repartition(3), OPTIONS, csv.toString()).collectAsList()) {
            got.put(row.getAs("curve"), row.getAs("result"));
            assertThat(row.<String>getAs("error")).isNull();
            assertThat(row.getMap(row.fieldIndex("rmsle")).contains("oracle")).isTrue();
        }
        assertThat(got).hasSize(12).isEqualTo(expected);
    }

    @Test
    void aCurveThatCannotBeSplitIsAnErrorRowWithTheCliReason() {
        Path bad = Curves.write(dir.resolve("bad.csv"), 2, 5);
        Curves.append(bad, "flat,1,1.0\nflat,10,0.9\nflat,100,0.8\n");
        List<Row> out = BnslSpark.backtest(FitJob.read(spark, bad.toString(), "csv"), OPTIONS, bad.toString())
                .filter("error is not null").collectAsList();
        String[] cli = Curves.cli("backtest", bad.toString(), "--x", "x", "--y", "y", "--group", "group", "--holdout-above", "2000");
        assertThat(cli[0]).isEqualTo("2");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).<String>getAs("curve")).isEqualTo("flat");
        assertThat(cli[2].strip()).isEqualTo("bnsl: " + out.get(0).getAs("error"));
    }

    @Test
    void badOptionsFailOnTheDriver() {
        assertThatThrownBy(() -> BnslSpark.backtest(rows, new BacktestOptions("x", "y", "group", null, null, null, null, null, null,
                "log", null, 0, 0.9), "curves")).isInstanceOf(OptionException.class).hasMessageContaining("no split");
        assertThatThrownBy(() -> BnslSpark.backtest(rows, BacktestOptions.above("x", "loss", 2000), "curves"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("curves: no column 'loss'");
    }
}
