package org.bnsl.law.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.bnsl.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowPredicateTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "not a < 1 or b > 2 and c == 3",
        "! a < 1 || b > 2 && c == 3",
        "!(a<1)||b>2&&c==3",
        "(not (a < 1)) or ((b > 2) and (c == 3))",
    })
    void notBindsTighterThanAndWhichBindsTighterThanOr(String text) {
        RowPredicate pred = RowPredicate.compile(text, "--where");
        assertThat(pred.columns()).containsExactly("a", "b", "c");
        RowPredicate.Bound bound = pred.bind(List.of("c", "b", "a"));
        for (double a : new double[] {0, 2}) {
            for (double b : new double[] {1, 3}) {
                for (double c : new double[] {3, 4}) {
                    boolean expected = !(a < 1) || (b > 2 && c == 3);
                    assertThat(bound.test(new double[] {c, b, a})).as("a=%s b=%s c=%s", a, b, c).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void holdoutExampleOnSyntheticRows() {
        RowPredicate pred = RowPredicate.compile("unique_tokens >= 6e11 or params >= 4.2465e9", "--holdout-where");
        List<String> header = List.of("params", "tokens", "unique_tokens", "loss");
        RowPredicate.Bound bound = pred.bind(header);
        assertThat(bound.columnIndexes()).containsExactly(2, 0);
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 500;
        double[][] columns = new double[4][n];
        for (int i = 0; i < n; i++) {
            columns[0][i] = Math.pow(10, rnd.nextDouble(7, 11));
            columns[1][i] = Math.pow(10, rnd.nextDouble(9, 13));
            columns[2][i] = Math.min(columns[1][i], Math.pow(10, rnd.nextDouble(10, 13)));
            columns[3][i] = rnd.nextDouble(2, 5);
        }
        columns[0][0] = 4.2465e9; // exactly on the boundaries
        columns[2][0] = 1;
        columns[2][1] = 6e11;
        columns[0][1] = 1;
        boolean[] keep = bound.select(columns);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean expected = columns[2][i] >= 6e11 || columns[0][i] >= 4.2465e9;
            final int row = i;
            assertThat(keep[i]).isEqualTo(expected);
            assertThat(bound.test(j -> columns[j][row])).isEqualTo(expected);
            assertThat(bound.test(new double[] {columns[0][i], columns[1][i], columns[2][i], columns[3][i]})).isEqualTo(expected);
            if (expected) kept++;
        }
        assertThat(keep[0]).isTrue();
        assertThat(keep[1]).isTrue();
        assertThat(kept).isBetween(50, n - 50);
    }

    @Test
    void arithmeticAndFunctionsInsideComparisons() {
        RowPredicate.Bound b = RowPredicate.compile("(a + b) * 2 < 10 and log(a) >= 0 and -a^2 != -4", "--where")
                .bind(List.of("a", "b"));
        assertThat(b.test(new double[] {1, 3})).isTrue();
        assertThat(b.test(new double[] {1, 4})).isFalse();
        assertThat(b.test(new double[] {0.5, 1})).isFalse();
        assertThat(b.test(new double[] {2, 0})).isFalse();
        assertThat(b.test(new double[] {Double.NaN, 0})).isFalse();
    }

    @Test
    void unknownColumnNamesTheColumnsThereAre() {
        RowPredicate pred = RowPredicate.compile("foo < 1 and a > 0", "--where");
        assertThatThrownBy(() -> pred.bind(List.of("a", "b", "c")))
                .isInstanceOf(InputException.class)
                .hasMessage("--where: unknown column 'foo' at column 1; the columns are: a, b, c");
        RowPredicate later = RowPredicate.compile("a > 0 and (b < 2 or zz == 1)", "--holdout-where");
        assertThatThrownBy(() -> later.bind(List.of("a", "b")))
                .hasMessage("--holdout-where: unknown column 'zz' at column 21; the columns are: a, b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "loss + 1                   | --where: expected a comparison at column 9 (end of input)",
        "loss and x < 1             | --where: expected a comparison at column 6",
        "x < 1 or (y)               | --where: expected a comparison at column 13 (end of input)",
        "(x < 1) + 2 > 0            | --where: expected a number, found a comparison at column 2",
        "x < 1 < 2                  | --where: unexpected '<' at column 7",
        "loss = 3                   | --where: unexpected character '=' (use '==' to compare) at column 6",
        "'loss < '                  | --where: expected an expression at column 8 (end of input)",
        "(loss < 3 or x > 1         | --where: unclosed '(' opened at column 1",
        "loss < lg(3)               | --where: unknown function 'lg' at column 8",
        "loss < 3 and               | --where: expected an expression at column 13 (end of input)",
        "loss # 3                   | --where: unexpected character '#' at column 6",
    })
    void syntaxErrorsArePrefixedWithTheOption(String text, String message) {
        assertThatThrownBy(() -> RowPredicate.compile(text, "--where"))
                .isInstanceOf(InputException.class)
                .hasMessage(message);
    }

    /** Issue 10 item 4: 2,000 nested parentheses or nots overflowed the stack; now one line naming the column. */
    @Test
    void nestingIsBounded() {
        String parens = "(".repeat(2000) + "loss < 3" + ")".repeat(2000);
        assertThatThrownBy(() -> RowPredicate.compile(parens, "--where"))
                .isInstanceOf(InputException.class)
                .hasMessage("--where: nesting deeper than 100 at column 101");
        assertThatThrownBy(() -> RowPredicate.compile("not ".repeat(2000) + "loss < 3", "--where"))
                .isInstanceOf(InputException.class)
                .hasMessage("--where: nesting deeper than 100 at column 401");
        String many = "loss < 3" + " or loss == 1".repeat(20_000);
        assertThatThrownBy(() -> RowPredicate.compile(many, "--where"))
                .isInstanceOf(InputException.class)
                .hasMessage("--where: expression deeper than 1000 operations at column 12984");
        RowPredicate ok = RowPredicate.compile("(".repeat(100) + "loss < 3" + ")".repeat(100), "--where");
        assertThat(ok.bind(List.of("loss")).test(new double[] {2})).isTrue();
    }
}
