package org.bnsl.law.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.bnsl.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaTest {

    private static double rel(double expected) {
        return 1e-12 * Math.max(1e-300, Math.abs(expected));
    }

    /** The trigonometric and error functions, pow and pi (issue 12): values as java.lang.Math and Hipparchus give them. */
    @Test
    void trigonometricFunctionsPowAndPi() {
        Formula f = Formula.compile("b1 - b2*x - atan(b3/(x - b4))/pi", List.of("x"));
        assertThat(f.parameters()).as("pi is a constant, not a parameter").containsExactly("b1", "b2", "b3", "b4");
        double[] p = {0.2, -5e-6, 1200, -180};
        double x = -3000;
        assertThat(f.value(p, new double[] {x}))
                .isCloseTo(0.2 + 5e-6 * x - Math.atan(1200 / (x + 180)) / Math.PI, within(1e-15));
        Formula g = Formula.compile("sin(a*x) + cos(a) + tan(a/4) + tanh(a) + erf(a) + pow(x, a)", List.of("x"));
        double a = 0.7, v = 1.9;
        double want = Math.sin(a * v) + Math.cos(a) + Math.tan(a / 4) + Math.tanh(a)
                + org.hipparchus.special.Erf.erf(a) + Math.pow(v, a);
        assertThat(g.value(new double[] {a}, new double[] {v})).isCloseTo(want, within(rel(want) * 10));
        assertThat(Formula.compile("pow(a, 2)*x", List.of("x")).roles()).containsEntry("a", Formula.Role.GENERAL);
        assertThatThrownBy(() -> Formula.compile("pow(x, a, 2)", List.of("x")))
                .isInstanceOf(InputException.class).hasMessageContaining("'pow' takes 2 arguments, got 3");
        assertThatThrownBy(() -> Formula.compile("a*sin(x, 2)", List.of("x")))
                .isInstanceOf(InputException.class).hasMessageContaining("'sin' takes 1 argument, got 2");
    }

    /** Hoffmann et al. 2022 eq. 2: L(N, D) = E + A/N^α + B/D^β, with its gradient written out by hand. */
    @Test
    void chinchillaMatchesDirectComputation() {
        Formula f = Formula.compile("E + A/N^alpha + B/D^beta", List.of("N", "D"));
        assertThat(f.name()).isEqualTo("formula");
        assertThat(f.formula()).isEqualTo("E + A/N^alpha + B/D^beta");
        assertThat(f.variables()).containsExactly("N", "D");
        assertThat(f.parameters()).containsExactly("E", "A", "alpha", "B", "beta");

        SplittableRandom rnd = new SplittableRandom(2022);
        double[] grad = new double[5];
        for (int trial = 0; trial < 200; trial++) {
            // Around Hoffmann et al. 2022's fit (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28).
            double e = rnd.nextDouble(1.0, 2.5), a = rnd.nextDouble(100, 1000), alpha = rnd.nextDouble(0.1, 0.6);
            double b = rnd.nextDouble(100, 1000), beta = rnd.nextDouble(0.1, 0.6);
            double n = Math.pow(10, rnd.nextDouble(7, 11)), d = Math.pow(10, rnd.nextDouble(9, 13));
            double na = Math.pow(n, -alpha), db = Math.pow(d, -beta);
            double expected = e + a * na + b * db;
            double[] expectedGrad = {1, na, -a * na * Math.log(n), db, -b * db * Math.log(d)};

            double[] p = {e, a, alpha, b, beta};
            double[] x = {n, d};
            assertThat(f.value(p, x)).isCloseTo(expected, within(rel(expected)));
            assertThat(f.valueAndGradient(p, x, grad)).isCloseTo(expected, within(rel(expected)));
            for (int k = 0; k < 5; k++) {
                assertThat(grad[k]).as(f.parameters().get(k)).isCloseTo(expectedGrad[k], within(1e-12 * Math.abs(expectedGrad[k])));
            }
        }
    }

    /** Caballero et al. 2022 eq. 1 with one break: y = a + b x^(−c0) (1 + (x/d1)^(1/f1))^(−c1 f1). */
    @Test
    void bnslWithOneBreakMatchesDirectComputation() {
        Formula f = Formula.compile("a + b*x^(-c0)*(1+(x/d1)^(1/f1))^(-c1*f1)", List.of("x"));
        assertThat(f.parameters()).containsExactly("a", "b", "c0", "d1", "f1", "c1");
        SplittableRandom rnd = new SplittableRandom(1);
        double[] grad = new double[6];
        for (int trial = 0; trial < 200; trial++) {
            double[] p = {rnd.nextDouble(0, 2), rnd.nextDouble(0.5, 50), rnd.nextDouble(0.01, 1),
                rnd.nextDouble(1e3, 1e8), rnd.nextDouble(0.05, 2), rnd.nextDouble(0.01, 1)};
            double x = Math.pow(10, rnd.nextDouble(1, 10));
            double expected = bnsl(p, x);
            assertThat(f.valueAndGradient(p, new double[] {x}, grad)).isCloseTo(expected, within(1e-11 * expected));
            for (int k = 0; k < 6; k++) {
                double h = 1e-5 * p[k];
                double[] up = p.clone();
                double[] down = p.clone();
                up[k] += h;
                down[k] -= h;
                double fd = (bnsl(up, x) - bnsl(down, x)) / (2 * h);
                assertThat(grad[k]).as(f.parameters().get(k)).isCloseTo(fd, within(1e-6 * Math.abs(fd) + 1e-14 * Math.abs(expected) / h));
            }
        }
    }

    private static double bnsl(double[] p, double x) {
        double a = p[0], b = p[1], c0 = p[2], d1 = p[3], f1 = p[4], c1 = p[5];
        return a + b * Math.pow(x, -c0) * Math.pow(1 + Math.pow(x / d1, 1 / f1), -c1 * f1);
    }

    /** Each thread has its own workspace, so concurrent callers get the same answers as a lone one. */
    @Test
    void concurrentCallersAgreeWithASingleThread() throws Exception {
        Formula f = Formula.compile("E + A/N^alpha + B/D^beta + logsumexp(E, A/N, B/D)", List.of("N", "D"));
        double[] p = {1.69, 406.4, 0.34, 410.7, 0.28};
        int n = 2000;
        double[][] xs = new double[n][];
        double[][] expected = new double[n][6];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            xs[i] = new double[] {Math.pow(10, rnd.nextDouble(7, 11)), Math.pow(10, rnd.nextDouble(9, 13))};
            expected[i][5] = f.valueAndGradient(p, xs[i], expected[i]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int bad = 0;
                    double[] grad = new double[5];
                    for (int rep = 0; rep < 20; rep++) {
                        for (int i = 0; i < n; i++) {
                            double v = f.valueAndGradient(p, xs[i], grad);
                            if (v != expected[i][5] || !java.util.Arrays.equals(grad, 0, 5, expected[i], 0, 5)) bad++;
                        }
                    }
                    return bad;
                }));
            }
            for (java.util.concurrent.Future<Integer> r : results) assertThat(r.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void precedenceAndAssociativity() {
        double[] none = {};
        assertThat(Formula.compile("-2^2 + 0*a", List.of()).value(new double[] {1}, none)).isEqualTo(-4);
        assertThat(Formula.compile("2^3^2 + 0*a", List.of()).value(new double[] {1}, none)).isEqualTo(512);
        assertThat(Formula.compile("2**-1 + 0*a", List.of()).value(new double[] {1}, none)).isEqualTo(0.5);
        assertThat(Formula.compile("1 - 2 - 3 + 0*a", List.of()).value(new double[] {1}, none)).isEqualTo(-4);
        assertThat(Formula.compile("8 / 4 / 2 * a", List.of()).value(new double[] {3}, none)).isEqualTo(3);
        assertThat(Formula.compile(".5 + 1e-3 + 2.5E2 + 3. + a", List.of()).value(new double[] {0}, none))
                .isEqualTo(0.5 + 1e-3 + 250 + 3);
        assertThat(Formula.compile("pi * a", List.of()).value(new double[] {2}, none)).isEqualTo(2 * Math.PI);
    }

    @Test
    void namesAreCaseSensitiveAndEIsAParameter() {
        Formula f = Formula.compile("E + e*x + pi + X", List.of("x"));
        assertThat(f.parameters()).containsExactly("E", "e", "X");
    }

    @Test
    void powerWithParameterExponentIsNaNForNonPositiveBase() {
        Formula f = Formula.compile("x^a", List.of("x"));
        double[] grad = new double[1];
        assertThat(f.value(new double[] {2}, new double[] {-3})).isNaN();
        assertThat(f.valueAndGradient(new double[] {2}, new double[] {0}, grad)).isNaN();
        assertThat(grad[0]).isNaN();
        // With a constant exponent a negative base is fine.
        assertThat(Formula.compile("a*x^2", List.of("x")).value(new double[] {1}, new double[] {-3})).isEqualTo(9);
    }

    @Test
    void stableFunctionsDoNotOverflow() {
        Formula f = Formula.compile("softplus(a) + sigmoid(a) + logsumexp(a, a - 1)", List.of());
        double[] grad = new double[1];
        double v = f.valueAndGradient(new double[] {1000}, new double[0], grad);
        assertThat(v).isCloseTo(1000 + 1 + 1000 + Math.log1p(Math.exp(-1)), within(1e-9));
        assertThat(grad[0]).isCloseTo(1 + 0 + 1, within(1e-12));
        assertThat(f.value(new double[] {-1000}, new double[0])).isCloseTo(-1000 + Math.log1p(Math.exp(-1)), within(1e-9));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a + b*lg(x)        | unknown function 'lg' at column 7",
        "a + (b * x))       | unexpected ')' at column 12",
        "'a + '             | expected an expression at column 5 (end of formula)",
        "a*(b + x           | unclosed '(' opened at column 3",
        "log(a, x)          | 'log' takes 1 argument, got 2 at column 1",
        "a +$x              | unexpected character '$' at column 4",
        "max(a) + x         | 'max' takes at least 2 arguments, got 1 at column 1",
        "exp + x            | expected '(' after the function 'exp' at column 5",
        "a b x              | unexpected 'b' at column 3",
        "a * (x + ) * b     | unexpected ')' at column 10",
        "''                 | expected an expression at column 1 (end of formula)",
        "a * x <= 2         | unexpected character '<' at column 7",
        "sqrt() + a*x       | 'sqrt' takes 1 argument, got 0 at column 1",
        "'a + x^'           | expected an expression at column 7 (end of formula)",
    })
    void syntaxErrorsNameTheColumn(String text, String message) {
        assertThatThrownBy(() -> Formula.compile(text, List.of("x")))
                .isInstanceOf(InputException.class)
                .hasMessage(message);
    }

    @Test
    void variableErrors() {
        assertThatThrownBy(() -> Formula.compile("E + A/N^alpha", List.of("N", "D")))
                .isInstanceOf(InputException.class)
                .hasMessage("variable 'D' does not appear in the formula");
        assertThatThrownBy(() -> Formula.compile("x^2 + 1", List.of("x")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no parameters");
        assertThatThrownBy(() -> Formula.compile("a*x", List.of("x", "x")))
                .isInstanceOf(InputException.class)
                .hasMessage("variable 'x' is declared twice");
        assertThatThrownBy(() -> Formula.compile("a*exp(x)", List.of("exp")))
                .isInstanceOf(InputException.class)
                .hasMessage("variable name 'exp' is the name of a function");
    }

    /** Issue 10 item 4: 2,000 nested parentheses overflowed the stack; deep input is refused by column. */
    @Test
    void nestingIsBounded() {
        String deep = "(".repeat(2000) + "a*x" + ")".repeat(2000);
        assertThatThrownBy(() -> Formula.compile(deep, List.of("x")))
                .isInstanceOf(InputException.class)
                .hasMessage("nesting deeper than 100 at column 101");
        assertThatThrownBy(() -> Formula.compile("a*x + " + "-".repeat(5000) + "b", List.of("x")))
                .isInstanceOf(InputException.class)
                .hasMessage("nesting deeper than 100 at column 107");
        assertThatThrownBy(() -> Formula.compile("a*x + " + "exp(".repeat(200) + "b" + ")".repeat(200), List.of("x")))
                .isInstanceOf(InputException.class)
                .hasMessage("nesting deeper than 100 at column 407");
        assertThatThrownBy(() -> Formula.compile("a*x" + "^2".repeat(300), List.of("x")))
                .isInstanceOf(InputException.class)
                .hasMessage("nesting deeper than 100 at column 204");
        // exactly the limit is accepted and evaluates
        Formula ok = Formula.compile("(".repeat(99) + "a*x" + ")".repeat(99), List.of("x"));
        assertThat(ok.value(new double[] {2}, new double[] {3})).isEqualTo(6);
    }

    /** A flat chain of 100,000 terms is as deep as it is long; it is refused before the compiler recurses. */
    @Test
    void longChainsAreBounded() {
        String chain = "a*x" + " + b".repeat(100_000);
        assertThatThrownBy(() -> Formula.compile(chain, List.of("x")))
                .isInstanceOf(InputException.class)
                .hasMessage("expression deeper than 1000 operations at column 3997");
        Formula ok = Formula.compile("a*x" + " + b".repeat(500), List.of("x"));
        assertThat(ok.value(new double[] {2, 1}, new double[] {3})).isEqualTo(506);
    }
}
