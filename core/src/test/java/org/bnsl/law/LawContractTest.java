package org.bnsl.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in law: analytic gradient against central finite differences, and its specs. */
class LawContractTest {

    /** A nominal parameter vector and a range [lo, hi] per variable for each law. */
    record Case(double[] params, double[][] xRange) {
    }

    static final Map<String, Case> CASES = Map.ofEntries(
            Map.entry("power", new Case(new double[] {2, 0.3}, new double[][] {{10, 1e5}})),
            Map.entry("offset-power", new Case(new double[] {1.5, 1e3, 0.4}, new double[][] {{10, 1e5}})),
            Map.entry("m1", new Case(new double[] {3, -0.3}, new double[][] {{10, 1e5}})),
            Map.entry("m2", new Case(new double[] {0.5, 3, -0.4}, new double[][] {{10, 1e5}})),
            Map.entry("m3", new Case(new double[] {2, 1e-3, 0.3}, new double[][] {{10, 1e5}})),
            Map.entry("m4", new Case(new double[] {0.2, 2.5, 0.7, 20, -0.5}, new double[][] {{10, 1e5}})),
            Map.entry("chinchilla", new Case(new double[] {1.8, 400, 2000, 0.34, 0.37}, new double[][] {{1e7, 1e10}, {1e8, 1e11}})),
            Map.entry("kaplan", new Case(new double[] {8.8e13, 5.4e13, 0.076, 0.095}, new double[][] {{1e7, 1e10}, {1e8, 1e11}})),
            Map.entry("data-constrained", new Case(new double[] {1.8, 400, 2000, 0.34, 0.37, 15},
                    new double[][] {{1e8, 1e10}, {1e9, 1e11}, {1e8, 1e11}})),
            Map.entry("precision", new Case(new double[] {1.8, 400, 2000, 0.34, 0.37, 2.6},
                    new double[][] {{1e7, 1e10}, {1e8, 1e11}, {3, 16}})),
            Map.entry("rectified", new Case(new double[] {5, 2, 1.5, 0.4}, new double[][] {{1, 1e5}})),
            Map.entry("sigmoid", new Case(new double[] {0.1, 0.9, 1.5, Math.log(300)}, new double[][] {{10, 1e5}})),
            Map.entry("vit", new Case(new double[] {0.1, 5, 100, 0.5}, new double[][] {{10, 1e5}})),
            Map.entry("nmt", new Case(new double[] {1.3e5, 0.3, 0.25, 1.5}, new double[][] {{1e7, 1e9}, {1e7, 1e9}})));

    static Stream<FittableLaw> laws() {
        return Laws.all().stream();
    }

    static double[] randomPoint(Case c, Random rnd) {
        double[] x = new double[c.xRange().length];
        for (int j = 0; j < x.length; j++) {
            double lo = Math.log(c.xRange()[j][0]), hi = Math.log(c.xRange()[j][1]);
            x[j] = Math.exp(lo + rnd.nextDouble() * (hi - lo));
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("laws")
    void analyticGradientMatchesCentralDifferences(FittableLaw law) {
        Case c = CASES.get(law.name());
        assertThat(c).as("a test case for every registered law").isNotNull();
        assertThat(c.params()).hasSize(law.parameterCount());
        Random rnd = new Random(20240611L + law.name().hashCode());
        int k = law.parameterCount();
        double[] g = new double[k], g2 = new double[k], dummy = new double[k];
        for (int trial = 0; trial < 50; trial++) {
            double[] p = c.params().clone();
            for (int j = 0; j < k; j++) p[j] *= 1 + 0.2 * (2 * rnd.nextDouble() - 1);
            double[] x = randomPoint(c, rnd);
            double[] lnx = new double[x.length];
            for (int j = 0; j < x.length; j++) lnx[j] = Math.log(x[j]);
            double y = law.valueAndGradient(p, x, g);
            assertThat(y).isFinite().isCloseTo(law.value(p, x), org.assertj.core.api.Assertions.within(1e-12 * Math.abs(y)));
            assertThat(law.valueAndGradient(p, x, lnx, g2)).isEqualTo(y);
            assertThat(g2).containsExactly(g);
            for (int j = 0; j < k; j++) {
                double h = 1e-6 * Math.max(Math.abs(p[j]), 1e-6);
                double[] pp = p.clone(), pm = p.clone();
                pp[j] += h;
                pm[j] -= h;
                double fd = (law.valueAndGradient(pp, x, dummy) - law.valueAndGradient(pm, x, dummy)) / (2 * h);
                double tol = 1e-6 * (Math.abs(fd) + Math.abs(y) / Math.max(Math.abs(p[j]), 1e-6));
                assertThat(Math.abs(g[j] - fd))
                        .as("%s d/d%s at p=%s x=%s: analytic %s, numeric %s", law.name(), law.parameters().get(j),
                                java.util.Arrays.toString(p), java.util.Arrays.toString(x), g[j], fd)
                        .isLessThanOrEqualTo(tol);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("laws")
    void specsNameEveryParameterAndStartInsideBounds(FittableLaw law) {
        Case c = CASES.get(law.name());
        Random rnd = new Random(7);
        int n = 12;
        double[][] cols = new double[law.variables().size()][n];
        double[] y = new double[n];
        Series.Builder b = Series.builder();
        for (int i = 0; i < n; i++) {
            double[] x = randomPoint(c, rnd);
            for (int j = 0; j < x.length; j++) cols[j][i] = x[j];
            y[i] = law.value(c.params(), x);
        }
        for (int j = 0; j < cols.length; j++) b.variable(law.variables().get(j), law.variables().get(j), cols[j]);
        Series s = b.y("y", y).build();
        law.checkData(s);
        List<Parameter> specs = law.parameterSpecs(s);
        assertThat(specs).extracting(Parameter::name).containsExactlyElementsOf(law.parameters());
        for (Parameter ps : specs) {
            assertThat(ps.startLower()).isGreaterThanOrEqualTo(ps.lower());
            assertThat(ps.startUpper()).isLessThanOrEqualTo(ps.upper());
            assertThat(ps.defaultLower()).isGreaterThanOrEqualTo(ps.lower());
            assertThat(ps.defaultUpper()).isLessThanOrEqualTo(ps.upper());
            assertThat(ps.startLower()).isGreaterThanOrEqualTo(ps.defaultLower());
            assertThat(ps.startUpper()).isLessThanOrEqualTo(ps.defaultUpper());
        }
        double yMin = java.util.Arrays.stream(y).min().orElseThrow(), yMax = java.util.Arrays.stream(y).max().orElseThrow();
        for (String name : FLOORS.getOrDefault(law.name(), List.of())) {
            Parameter ps = specs.get(law.parameters().indexOf(name));
            assertThat(ps.defaultUpper()).as("%s's floor %s lies under the data by default", law.name(), name).isEqualTo(yMin);
            assertThat(ps.defaultLower()).as(name).isEqualTo(ps.lower());
        }
        for (String name : CEILINGS.getOrDefault(law.name(), List.of())) {
            Parameter ps = specs.get(law.parameters().indexOf(name));
            assertThat(ps.defaultLower()).as("%s's ceiling %s lies over the data by default", law.name(), name).isEqualTo(yMax);
        }
    }

    /** Each law's floor parameters (an irreducible value that no observation lies below), by name. */
    static final Map<String, List<String>> FLOORS = Map.of("offset-power", List.of("L0"), "m2", List.of("einf"),
            "m4", List.of("einf"), "chinchilla", List.of("E"), "data-constrained", List.of("E"), "precision", List.of("E"),
            "rectified", List.of("C"), "sigmoid", List.of("lo"), "vit", List.of("a"), "nmt", List.of("linf"));
    /** And ceilings (a value that no observation lies above). */
    static final Map<String, List<String>> CEILINGS = Map.of("m4", List.of("e0"), "sigmoid", List.of("hi"));

    @Test
    void rectifiedIsDefinedAtZero() {
        FittableLaw law = Laws.byName("rectified");
        double[] p = {5, 2, 1.5, 0.4};
        double[] g = new double[4];
        double y = law.valueAndGradient(p, new double[] {0}, g);
        assertThat(y).isEqualTo(5.0 / 2 + 1.5);
        assertThat(g).containsExactly(0.5, -5.0 / 4, 1, 0);
        assertThat(law.value(p, new double[] {0})).isEqualTo(y);
        law.checkData(Series.of("s", new double[] {0, 1, 2}, new double[] {4, 3, 2}));
    }

    @Test
    void m4SolvesItsDefiningEquation() {
        FittableLaw law = Laws.byName("m4");
        double[] p = {0.2, 2.5, 0.7, 20, -0.5};
        for (double x : new double[] {1e-3, 1, 10, 1e3, 1e6, 1e9}) {
            double y = law.value(p, new double[] {x});
            assertThat(y).isBetween(0.2, 2.5);
            double lhs = Math.log(y - 0.2) - 0.7 * Math.log(2.5 - y);
            assertThat(lhs).isCloseTo(Math.log(20) - 0.5 * Math.log(x), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void unknownLawListsTheKnownOnes() {
        assertThatThrownBy(() -> Laws.byName("chinchila"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("chinchila")
                .hasMessageContaining("chinchilla")
                .hasMessageContaining("offset-power");
        assertThat(Laws.all()).hasSize(14);
    }

    @Test
    void nonPositiveXIsRejectedWithItsLine() {
        Series s = Series.of("s", new double[] {1, 0, 3}, new double[] {3, 2, 1});
        assertThatThrownBy(() -> Laws.byName("power").checkData(s))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("<memory>:3");
    }
}
