package org.bnsl.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bnsl.InputException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.Json;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.uncertainty.PredictionInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's entry point on the bundled 4-digit addition curve: fit, predict, save, load. */
class ModelTest {
    private static final FitSpec SPEC = FitSpec.builder().x("dataset_size").y("test_cross_entropy").breaks(1).holdoutAbove(736.0).build();

    private static Model fitted() {
        List<GroupResult> results = Bnsl.fitFile(Examples.path("four_digit_addition.csv"), SPEC);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).failed()).isFalse();
        return results.get(0).model();
    }

    @Test
    void fitsOneCurveWithItsBreakAndHoldout() {
        Model m = fitted();
        assertThat(m.law().name()).isEqualTo("bnsl");
        assertThat(m.breaks()).hasSize(1);
        assertThat(m.breaks().get(0).x()).isBetween(160.0, 10_000.0);
        assertThat(m.parameters()).containsKeys("a", "b", "c0");
        assertThat(m.holdoutMetrics().n()).isGreaterThan(0);
        assertThat(m.holdoutMetrics().rmsle()).isBetween(0.0, 1.0);
        assertThat(m.run().columns()).containsEntry("x", "dataset_size");
        double y = m.predict(10 * 8192);
        assertThat(y).isFinite().isPositive();
    }

    @Test
    void fitOfATableOrSeriesMatchesTheFileFit() {
        Table t = Table.read(Examples.path("four_digit_addition.csv"));
        Model a = fitted();
        assertThat(Bnsl.fitTable(t, SPEC).get(0).model().parameters()).isEqualTo(a.parameters());
        Series s = SeriesReader.builder().variable("x", "dataset_size").y("test_cross_entropy").build().read(t).get(0);
        Model b = Bnsl.fit(s, SPEC);
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(b.predict(1000)).isEqualTo(a.predict(1000));
    }

    @Test
    void fitsASeriesInMemoryWithoutColumnOptions() {
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(10, i / 5.0);
            y[i] = 5 * Math.pow(x[i], -0.5);
        }
        Model m = Bnsl.fit(Series.of("synthetic", x, y), FitSpec.builder().law("power").build());
        assertThat(m.law().name()).isEqualTo("power");
        assertThat(m.run().columns()).containsEntry("x", "x");
        assertThat(m.predict(50)).isCloseTo(5 * Math.pow(50, -0.5), within(1e-6));
        assertThat(m.parameters().get("c")).isCloseTo(0.5, within(1e-6));
        assertThat(m.breaks()).isEmpty();
        assertThat(m.holdoutMetrics().n()).isZero();
    }

    @Test
    void wrongArityAndOutOfDomainAreClearErrors() {
        Model m = fitted();
        assertThatThrownBy(() -> m.predict(1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("law 'bnsl' takes 1 value(s) (x), got 2");
        assertThatThrownBy(() -> m.predict()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> m.predict(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("x = -5.0 is outside the law's domain").hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> m.predict(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the law's domain");
        assertThatThrownBy(() -> m.extrapolation().fit().predict(1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("law 'bnsl' takes 1 value(s) (x), got 2");
        assertThatThrownBy(() -> m.interval(0.9, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no bootstrap");
    }

    @Test
    void savedModelLoadsAndPredictsTheSame(@TempDir Path tmp) throws Exception {
        Model m = fitted();
        Path file = tmp.resolve("model.json");
        m.save(file);
        assertThat(Files.readString(file)).contains("\"format\" : \"bnsl-model\"");
        Model back = Bnsl.load(file);
        assertThat(back.name()).isEqualTo(m.name());
        assertThat(back.law().name()).isEqualTo("bnsl");
        for (double x : new double[] {160, 736, 8192, 81920}) {
            assertThat(back.predict(x)).isCloseTo(m.predict(x), within(1e-12 * m.predict(x)));
        }
        assertThat(back.breaks()).hasSize(1);
        assertThat(back.extrapolation()).isNull();
        Path again = tmp.resolve("again.json");
        back.save(again);
        assertThat(Bnsl.load(again).predict(5000)).isEqualTo(back.predict(5000));
    }

    @Test
    void bootstrapIntervalsAtTheirLevel(@TempDir Path tmp) {
        FitSpec spec = SPEC.toBuilder().bootstrap(40).seed(1).build();
        Model m = Bnsl.fitFile(Examples.path("four_digit_addition.csv"), spec).get(0).model();
        PredictionInterval iv = m.interval(0.9, 2000);
        assertThat(iv.lo()).isLessThanOrEqualTo(iv.point());
        assertThat(iv.hi()).isGreaterThanOrEqualTo(iv.point());
        assertThat(iv.point()).isCloseTo(m.predict(2000), within(1e-12));
        assertThatThrownBy(() -> m.interval(0.8, 2000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level 0.9, not 0.8");
        Path file = tmp.resolve("boot.json");
        m.save(file);
        PredictionInterval back = Bnsl.load(file).interval(0.9, 2000);
        assertThat(back.lo()).isCloseTo(iv.lo(), within(1e-9));
        assertThat(back.hi()).isCloseTo(iv.hi(), within(1e-9));
    }

    @Test
    void badColumnIsAnInputErrorAndBadOptionAnOptionError() {
        Path csv = Examples.path("four_digit_addition.csv");
        assertThatThrownBy(() -> Bnsl.fitFile(csv, FitSpec.builder().x("nope").y("test_cross_entropy").build()))
                .isInstanceOf(InputException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> Bnsl.fitFile(csv, FitSpec.builder().y("test_cross_entropy").build()))
                .isInstanceOf(OptionException.class).hasMessage("missing --x COL: the column of the scale");
        assertThatThrownBy(() -> Bnsl.fitFile(csv, FitSpec.builder().x("dataset_size").build()))
                .isInstanceOf(OptionException.class).hasMessage("missing --y COL: the column of the metric");
    }

    @Test
    void aModelFileOfSeveralCurvesNeedsLoadAll(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("two.csv");
        List<String> lines = Files.readAllLines(Examples.path("four_digit_addition.csv"));
        StringBuilder sb = new StringBuilder("g," + lines.get(0) + "\n");
        for (String g : new String[] {"a", "b"}) {
            for (String l : lines.subList(1, lines.size())) sb.append(g).append(',').append(l).append('\n');
        }
        Files.writeString(csv, sb.toString());
        FitSpec spec = FitSpec.builder().x("dataset_size").y("test_cross_entropy").group("g").law("m2").build();
        List<GroupResult> results = Bnsl.fitFile(csv, spec);
        assertThat(results).extracting(GroupResult::name).containsExactly("a", "b");
        Path file = tmp.resolve("m.json");
        OutputFile.write(file, Json.write(ModelFile.toJson(results.stream().map(r -> r.model().extrapolation()).toList(),
                results.get(0).model().run())), "--out");
        assertThatThrownBy(() -> Model.load(file)).isInstanceOf(InputException.class)
                .hasMessageEndingWith("the model file holds 2 series; read them with Model.loadAll");
        List<Model> all = Model.loadAll(file);
        assertThat(all).extracting(Model::name).containsExactly("a", "b");
        Path one = tmp.resolve("b.json");
        all.get(1).save(one);
        assertThat(Model.load(one).name()).isEqualTo("b");
        assertThat(Model.load(one).predict(1000)).isEqualTo(results.get(1).model().predict(1000));
    }
}
