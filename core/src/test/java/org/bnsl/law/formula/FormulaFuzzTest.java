package org.bnsl.law.formula;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bnsl.testing.Outcome;

/**
 * Coverage-guided fuzzing of the formula compiler and the {@code --where} predicate parser
 * (docs/FUZZING.md). Inputs are plain text so seeds are readable. The only acceptable outcomes are
 * a compiled result, whose evaluation then must not throw, or a one-line
 * {@link org.bnsl.InputException}. Under {@code mvn verify} these run on the corpus in
 * {@code src/test/resources/org/bnsl/law/formula/FormulaFuzzTestInputs/} only.
 */
class FormulaFuzzTest {
    private static final double[] VALUES = {2.5, 0, -1, 1e300, Double.NaN};

    /** First line: the variables, comma-separated (may be empty); the rest: the formula. */
    @FuzzTest(maxDuration = "30s")
    void formula(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        List<String> variables = new ArrayList<>();
        if (nl >= 0) {
            for (String v : text.substring(0, nl).split(",", -1)) {
                if (!v.isEmpty()) variables.add(v.trim());
            }
        }
        String body = nl >= 0 ? text.substring(nl + 1) : text;
        Outcome.resultOrOneLine(() -> {
            Formula f = Formula.compile(body, variables);
            f.roles();
            for (double v : VALUES) {
                double[] p = new double[f.parameterCount()];
                double[] x = new double[f.variables().size()];
                Arrays.fill(p, v);
                Arrays.fill(x, v);
                f.value(p, x);
                f.gradient(p, x);
            }
        });
    }

    /** The whole input is the predicate; it is bound to its own columns and, after, to fixed ones. */
    @FuzzTest(maxDuration = "30s")
    void where(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Outcome.resultOrOneLine(() -> {
            RowPredicate p = RowPredicate.compile(text, "--where");
            List<String> own = new ArrayList<>(p.columns());
            own.add("extra");
            RowPredicate.Bound b = p.bind(own);
            double[][] columns = new double[own.size()][VALUES.length];
            for (double[] c : columns) System.arraycopy(VALUES, 0, c, 0, VALUES.length);
            b.select(columns);
            b.test(columns.length == 0 ? new double[0] : new double[own.size()]);
            b.test(j -> VALUES[j % VALUES.length]);
            p.bind(List.of("params", "tokens", "loss"));
        });
    }
}
