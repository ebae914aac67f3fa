package org.bnsl.law.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.bnsl.data.Series;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Laws;
import org.bnsl.law.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A compiled formula that restates a built-in law gives the law's value and gradient (issue 3, item 5). */
class FormulaRestatesLawsTest {

    static Stream<Arguments> restatements() {
        return Stream.of(
                Arguments.of("power", "b * x^(-c)"),
                Arguments.of("offset-power", "L0 + (x0/x)^alpha"),
                Arguments.of("m1", "beta * x^c"),
                Arguments.of("m2", "einf + beta * x^c"),
                Arguments.of("m3", "beta * (1/x + gamma)^c"),
                Arguments.of("chinchilla", "E + A/N^alpha + B/D^beta"),
                Arguments.of("kaplan", "((Nc/N)^(alphaN/alphaD) + Dc/D)^alphaD"),
                Arguments.of("rectified", "A/(x^alpha + B) + C"),
                Arguments.of("sigmoid", "lo + (hi - lo)/(1 + exp(-k*(log(x) - m)))"),
                Arguments.of("vit", "a + b/(x + c)^d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restatements")
    void formulaMatchesTheLaw(String name, String text) {
        FittableLaw law = Laws.byName(name);
        Formula f = Formula.compile(text, law.variables());
        assertThat(f.parameters()).containsExactlyInAnyOrderElementsOf(law.parameters());
        Random r = new Random(name.hashCode());
        Series data = data(law.variables().size(), r);
        List<Parameter> specs = law.parameterSpecs(data);
        int[] map = new int[f.parameterCount()];
        for (int k = 0; k < map.length; k++) map[k] = law.parameters().indexOf(f.parameters().get(k));
        double[] gl = new double[law.parameterCount()];
        double[] gf = new double[f.parameterCount()];
        for (int trial = 0; trial < 50; trial++) {
            double[] p = new double[law.parameterCount()];
            for (int k = 0; k < p.length; k++) {
                Parameter s = specs.get(k);
                double u = r.nextDouble();
                p[k] = s.logScale()
                        ? Math.exp(Math.log(s.startLower()) + u * (Math.log(s.startUpper()) - Math.log(s.startLower())))
                        : s.startLower() + u * (s.startUpper() - s.startLower());
            }
            double[] q = new double[f.parameterCount()];
            for (int k = 0; k < q.length; k++) q[k] = p[map[k]];
            double[] x = data.point(r.nextInt(data.size()));
            double vl = law.valueAndGradient(p, x, gl);
            double vf = f.valueAndGradient(q, x, gf);
            if (!Double.isFinite(vl)) {
                continue;
            }
            assertThat(vf).as("%s value at %s", name, java.util.Arrays.toString(p)).isCloseTo(vl, org.assertj.core.api.Assertions.within(1e-9 * Math.abs(vl) + 1e-12));
            for (int k = 0; k < q.length; k++) {
                double a = gl[map[k]];
                assertThat(gf[k]).as("%s d/d%s", name, f.parameters().get(k))
                        .isCloseTo(a, org.assertj.core.api.Assertions.within(1e-7 * Math.abs(a) + 1e-9 * Math.abs(vl)));
            }
        }
    }

    private static Series data(int dims, Random r) {
        Series.Builder b = Series.builder();
        int n = 12;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = 2 + 3 * r.nextDouble();
        String[] names = dims == 1 ? new String[] {"x"} : new String[] {"N", "D", "U"};
        for (int j = 0; j < dims; j++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = Math.pow(10, 1 + 6.0 * i / (n - 1)) * (1 + 0.1 * j);
            b.variable(names[j], names[j], x);
        }
        return b.y("y", y).build();
    }
}
