package org.bnsl.law.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The compiled forward-mode gradient agrees with central finite differences, for every operator and function. */
class FormulaGradientTest {

    static Stream<Arguments> formulas() {
        return Stream.of(
                "a + b*x",
                "a - b/x",
                "-a*x^2 + b",
                "x^a * b",
                "(a*x)^b + y^-1.5*a",
                "a ** b ** 0.5",
                "+a - -b*y",
                "exp(a*x) - log(b + x)",
                "log1p(a*x) * sqrt(b*y)",
                "abs(a - 3*b) + abs(b*x)",
                "softplus(a*x - b) + sigmoid(b - a*y)",
                "softplus(50*a) + softplus(-60*b) + sigmoid(-40*b) + sigmoid(45*a)",
                "min(a, b*x, 1.7) + max(a*y, b, 0.1)",
                "logsumexp(a*x, b, -a) * logsumexp(a, y)",
                "logsumexp(1000 + a, 1000 + b, -1000*x)",
                "pi*a + e*x",
                "a/(1 + (x/b)^c)",
                "2^3^a / (x - a*b)",
                "a + b*x^(-c0)*(1+(x/d1)^(1/f1))^(-c1*f1)",
                "max(a, 2) + min(x, y)*b",
                "a + b*(c + a) - exp(c - a)*x",
                "sin(a*x) + cos(b - x)*a",
                "tan(0.2*a*x) + atan(b/(x - a - 5))",
                "tanh(a*x - b) * erf(b - a*y)",
                "pow(x, a) + pow(b, 2)*y + pow(a*b, b)",
                "b1 - b2*x - atan(b3/(x - b4 - 4))/pi",
                "b1 + b2*cos(2*pi*x/12) + b5*sin(2*pi*x/b4) + b6*cos(2*pi*x/b4)")
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("formulas")
    void gradientMatchesCentralDifferences(String text) {
        List<String> vars = new java.util.ArrayList<>();
        if (text.matches(".*\\bx\\b.*")) vars.add("x");
        if (text.matches(".*\\by\\b.*")) vars.add("y");
        Formula f = Formula.compile(text, vars);
        SplittableRandom rnd = new SplittableRandom(text.hashCode());
        int np = f.parameterCount();
        double[] grad = new double[np];
        for (int trial = 0; trial < 25; trial++) {
            double[] p = new double[np];
            for (int k = 0; k < np; k++) p[k] = rnd.nextDouble(0.3, 2.0);
            double[] x = new double[vars.size()];
            for (int j = 0; j < x.length; j++) x[j] = rnd.nextDouble(0.5, 3.0);

            double v = f.valueAndGradient(p, x, grad);
            assertThat(v).as("value() and valueAndGradient() agree").isEqualTo(f.value(p, x));
            assertThat(Double.isFinite(v)).as("%s at %s", text, java.util.Arrays.toString(p)).isTrue();
            for (int k = 0; k < np; k++) {
                double h = 6e-6 * Math.max(1.0, Math.abs(p[k]));
                double[] up = p.clone();
                double[] down = p.clone();
                up[k] += h;
                down[k] -= h;
                double fd = (f.value(up, x) - f.value(down, x)) / (2 * h);
                // truncation error is O(h²) relative; rounding error about ε·|f|/h, given a margin of 100
                double tol = 1e-6 * Math.max(Math.abs(grad[k]), Math.abs(fd)) + 2e-14 * Math.max(1.0, Math.abs(v)) / h;
                assertThat(grad[k]).as("d/d%s of %s at p=%s x=%s", f.parameters().get(k), text,
                        java.util.Arrays.toString(p), java.util.Arrays.toString(x)).isCloseTo(fd, org.assertj.core.api.Assertions.within(tol));
            }
        }
    }
}
