package org.bnsl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bnsl.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableTest {

    @TempDir
    Path dir;

    private static Table csv(String text) {
        return Table.read("data.csv", new StringReader(text), Table.Format.CSV);
    }

    private static Table json(String text) {
        return Table.read("data.json", new StringReader(text), Table.Format.JSON);
    }

    private static Table auto(String text) {
        return Table.read("data.csv", new StringReader(text), Table.Format.AUTO);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Asserts an InputException with exactly {@code message}, which must be one line. */
    private static AbstractThrowableAssert<?, ? extends Throwable> fails(Runnable r, String message) {
        return assertThatThrownBy(r::run).isInstanceOf(InputException.class).hasMessage(message)
                .hasMessageNotContaining("\n").hasMessageNotContaining("\r");
    }

    // --- reading CSV ---

    @Test
    void readsHeaderRowsCellsAndLines() {
        Table t = csv("dataset_size,loss\n160,2.1\n192, 2.0 \n");
        assertThat(t.source()).isEqualTo("data.csv");
        assertThat(t.columns()).containsExactly("dataset_size", "loss");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.text(1, 1)).isEqualTo("2.0");
        assertThat(t.number(0, 0)).isEqualTo(160.0);
        assertThat(t.line(0)).isEqualTo(2);
        assertThat(t.line(1)).isEqualTo(3);
        assertThat(t.column("loss")).isEqualTo(1);
        assertThat(t.hasColumn("loss")).isTrue();
        assertThat(t.hasColumn("Loss")).isFalse();
    }

    @Test
    void trimsHeadersAndValues() {
        Table t = csv("  x , y \n 1 ,  \"a b\"  \n");
        assertThat(t.columns()).containsExactly("x", "y");
        assertThat(t.text(0, 0)).isEqualTo("1");
        assertThat(t.text(0, 1)).isEqualTo("a b");
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        Table t = csv("name,x\n\"a, b\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\nlast,4\n");
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.text(0, 0)).isEqualTo("a, b");
        assertThat(t.text(1, 0)).isEqualTo("say \"hi\"");
        assertThat(t.text(2, 0)).isEqualTo("two\nlines");
        assertThat(t.line(2)).isEqualTo(4);
        assertThat(t.line(3)).isEqualTo(6);
    }

    @Test
    void skipsEmptyAndSpaceOnlyLinesButCountsThemInLineNumbers() {
        Table t = csv("\nx,y\n\n1,2\n   \n\n3,4\n\n");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.line(0)).isEqualTo(4);
        assertThat(t.line(1)).isEqualTo(7);
    }

    @Test
    void crlfAndLoneCrLineEndings() throws IOException {
        Path p = write("crlf.csv", "x,y\r\n1,2\r\n\r\n3,oops\r\n");
        Table t = Table.read(p);
        assertThat(t.columns()).containsExactly("x", "y");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.line(1)).isEqualTo(4);
        fails(() -> t.number(1, 1), p + ":4: column 'y': 'oops' is not a number");

        Table cr = csv("x,y\r1,2\r\r3,4\r");
        assertThat(cr.line(1)).isEqualTo(4);
    }

    @Test
    void dropsUtf8ByteOrderMark() throws IOException {
        Path p = dir.resolve("bom.csv");
        byte[] body = "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(p, bytes);
        Table t = Table.read(p);
        assertThat(t.columns()).containsExactly("x", "y");
        assertThat(t.column("x")).isZero();
        assertThat(t.line(0)).isEqualTo(2);
    }

    // --- numbers ---

    @ParameterizedTest
    @ValueSource(strings = {"1e-3", " 2.5 ", "-0.5", "+7", "2.5E+10", ".5", "3."})
    void acceptsDecimalAndScientificNumbers(String cell) {
        Table t = json("[{\"x\": \"" + cell + "\"}]");
        assertThat(t.number(0, 0)).isCloseTo(Double.parseDouble(cell.trim()), within(0.0));
    }

    @Test
    void rejectsTextThatIsNotANumber() {
        Table t = csv("x,loss\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,abc\n");
        fails(() -> t.number(10, 1), "data.csv:12: column 'loss': 'abc' is not a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5f", "2d", "0x10", "1_000", "--1", ".", "e5", "1e", "5%", "1 000"})
    void rejectsWhatJavaWouldAcceptOrHalfNumbers(String cell) {
        Table t = json("[{\"loss\": \"" + cell + "\"}]");
        fails(() -> t.number(0, 0), "data.json:1: column 'loss': '" + cell + "' is not a number");
    }

    @Test
    void rejectsCommaThousandsInQuotedField() {
        Table t = csv("x,loss\n1,\"1,000\"\n");
        fails(() -> t.number(0, 1), "data.csv:2: column 'loss': '1,000' is not a number");
    }

    @Test
    void rejectsEmptyCell() {
        Table t = csv("x,loss,z\n1,,3\n");
        fails(() -> t.number(0, 1), "data.csv:2: column 'loss': empty cell, expected a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "NAN", "-nan", "Infinity", "-Infinity", "+infinity", "inf", "-inf", "INF"})
    void rejectsNonFiniteInAnySpelling(String cell) {
        Table t = csv("x,loss\n1," + cell + "\n");
        fails(() -> t.number(0, 1), "data.csv:2: column 'loss': " + cell + " is not allowed, expected a finite number");
    }

    @Test
    void nanMessageHasTheDocumentedShape() {
        Table t = csv("loss\nNaN\n");
        fails(() -> t.number(0, 0), "data.csv:2: column 'loss': NaN is not allowed, expected a finite number");
    }

    @Test
    void rejectsOverflow() {
        Table t = csv("loss\n1e999\n");
        fails(() -> t.number(0, 0), "data.csv:2: column 'loss': '1e999' is out of range, expected a finite number");
    }

    @Test
    void longOrMultiLineCellsAreShortenedAndEscapedInMessages() {
        Table t = csv("loss\n\"bad\nvalue\"\n" + "y".repeat(200) + "\n");
        fails(() -> t.number(0, 0), "data.csv:2: column 'loss': 'bad\\nvalue' is not a number");
        assertThatThrownBy(() -> t.number(1, 0)).hasMessageEndingWith("...' is not a number")
                .message().hasSizeLessThan(120);
    }

    // --- columns ---

    @Test
    void missingColumnListsTheColumns() {
        Table t = csv("dataset_size,test_cross_entropy\n1,2\n");
        fails(() -> t.column("los"), "data.csv: no column 'los'; the columns are: dataset_size, test_cross_entropy");
    }

    @Test
    void missingColumnSuggestsACloseName() {
        Table t = csv("dataset_size,loss\n1,2\n");
        fails(() -> t.column("los"), "data.csv: no column 'los'; the columns are: dataset_size, loss (did you mean 'loss'?)");
        fails(() -> t.column("Loss"), "data.csv: no column 'Loss'; the columns are: dataset_size, loss (did you mean 'loss'?)");
        fails(() -> t.column("dataset_sise"),
                "data.csv: no column 'dataset_sise'; the columns are: dataset_size, loss (did you mean 'dataset_size'?)");
        fails(() -> t.column("lsos"), "data.csv: no column 'lsos'; the columns are: dataset_size, loss (did you mean 'loss'?)");
        fails(() -> t.column("params"), "data.csv: no column 'params'; the columns are: dataset_size, loss");
    }

    @Test
    void distanceCountsEditsAndSwaps() {
        assertThat(Table.distance("loss", "loss")).isZero();
        assertThat(Table.distance("los", "loss")).isEqualTo(1);
        assertThat(Table.distance("lsos", "loss")).isEqualTo(1);
        assertThat(Table.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Table.distance("", "abc")).isEqualTo(3);
    }

    // --- broken CSV ---

    @Test
    void emptyFile() throws IOException {
        fails(() -> csv(""), "data.csv: the file is empty");
        fails(() -> auto(" \n\r\n\t\n"), "data.csv: the file is empty");
        fails(() -> csv("\uFEFF"), "data.csv: the file is empty");
        Path p = write("empty.csv", "");
        fails(() -> Table.read(p), p + ": the file is empty");
    }

    @Test
    void unnamedColumnsAreAllowedLikeAPandasIndex() {
        Table t = csv(",x,y,\n0,1,2,\n1,3,4,\n");
        assertThat(t.columns()).containsExactly("", "x", "y", "");
        assertThat(t.number(1, 2)).isEqualTo(4);
        fails(() -> t.column("z"), "data.csv: no column 'z'; the columns are: '', x, y, ''");
    }

    @Test
    void headerWithoutRows() {
        fails(() -> csv("x,y\n"), "data.csv: no data rows after the header");
        fails(() -> csv("x,y\n\n  \n"), "data.csv: no data rows after the header");
    }

    @Test
    void rowWithTheWrongNumberOfFields() {
        fails(() -> csv("a,b,c\n1,2,3\n\n1,2,3\n1,2,3\n1,2,3\n1,2,3,4\n"),
                "data.csv:7: expected 3 fields like the header, found 4");
        fails(() -> csv("a\n1\n1,2\n"), "data.csv:3: expected 1 field like the header, found 2");
    }

    @Test
    void duplicateColumn() {
        fails(() -> csv("x,y,x\n1,2,3\n"), "data.csv:1: duplicate column 'x' in the header");
        fails(() -> csv("\n\nx, x\n1,2\n"), "data.csv:3: duplicate column 'x' in the header");
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereTheRecordStarts() {
        fails(() -> csv("x,y\n1,2\n\n3,\"oops\n4,5\n6,7\n"),
                "data.csv:4: malformed CSV: a quoted field starts here but its closing '\"' is missing");
    }

    @Test
    void textAfterAClosingQuote() {
        assertThatThrownBy(() -> csv("x,y\n1,2\n3,\"a\"b\n"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("data.csv:3: malformed CSV: text follows the closing '\"'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void fileThatCannotBeRead() throws IOException {
        Path missing = dir.resolve("nope.csv");
        fails(() -> Table.read(missing), missing + ": cannot read: no such file");
        Path sub = Files.createDirectory(dir.resolve("sub.csv"));
        fails(() -> Table.read(sub), sub + ": cannot read: it is a directory");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'x', '\n', (byte) 0xE9, '\n'});
        fails(() -> Table.read(latin1), latin1 + ": cannot read: the file is not UTF-8 text (save it as UTF-8)");
    }

    @Test
    void readerThatFails() {
        Reader broken = new Reader() {
            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public void close() {}
        };
        fails(() -> Table.read("stdin", broken, Table.Format.AUTO), "stdin: cannot read: disk on fire");
    }

    // --- JSON ---

    @Test
    void jsonIsEquivalentToCsv() throws IOException {
        Path c = write("t.csv", "size,loss,model\n160,2.13809046,a\n192,2.11813418,\"b, c\"\n");
        Path j = write("t.json", "[\n  {\"size\": 160, \"loss\": 2.13809046, \"model\": \"a\"},\n"
                + "  {\"size\": 192, \"loss\": 2.11813418, \"model\": \"b, c\"}\n]\n");
        Table a = Table.read(c);
        Table b = Table.read(j);
        assertThat(b.columns()).isEqualTo(a.columns());
        assertThat(b.rowCount()).isEqualTo(a.rowCount());
        for (int r = 0; r < a.rowCount(); r++) {
            for (int col = 0; col < a.columns().size(); col++) {
                assertThat(b.text(r, col)).isEqualTo(a.text(r, col));
            }
            assertThat(b.number(r, 1)).isEqualTo(a.number(r, 1));
            assertThat(b.line(r)).isEqualTo(a.line(r));
        }
    }

    @Test
    void jsonColumnsInOrderOfFirstAppearanceAndMissingOrNullIsEmpty() {
        Table t = json("[{\"b\": 1, \"a\": true},\n{\"c\": null, \"a\": false, \"d\": \"s\"},\n{}]");
        assertThat(t.columns()).containsExactly("b", "a", "c", "d");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.text(0, 1)).isEqualTo("true");
        assertThat(t.text(1, 1)).isEqualTo("false");
        assertThat(t.text(0, 2)).isEmpty();
        assertThat(t.text(1, 2)).isEmpty();
        assertThat(t.text(1, 0)).isEmpty();
        assertThat(t.text(2, 3)).isEmpty();
        assertThat(t.line(2)).isEqualTo(3);
        fails(() -> t.number(1, 2), "data.json:2: column 'c': empty cell, expected a number");
    }

    @Test
    void jsonNumbersKeepTheirText() {
        Table t = json("[{\"x\": 1e-3, \"y\": 12345678901234567890, \"z\": -0.0}]");
        assertThat(t.text(0, 0)).isEqualTo("1e-3");
        assertThat(t.number(0, 0)).isEqualTo(1e-3);
        assertThat(t.number(0, 1)).isEqualTo(1.2345678901234567e19);
    }

    @Test
    void jsonLineIsWhereTheObjectOpens() {
        Table t = json("[\n\n  {\n    \"x\": 1\n  },\n  {\"x\": \"oops\"}\n]");
        assertThat(t.line(0)).isEqualTo(3);
        assertThat(t.line(1)).isEqualTo(6);
        fails(() -> t.number(1, 0), "data.json:6: column 'x': 'oops' is not a number");
    }

    @Test
    void jsonChosenByExtensionOrFirstCharacter() throws IOException {
        Path j = write("t.json", "  [{\"x\": 1}]");
        assertThat(Table.read(j).columns()).containsExactly("x");
        Path txt = write("t.txt", "\n [{\"x\": 1}]");
        assertThat(Table.read(txt).columns()).containsExactly("x");
        assertThat(auto("\uFEFF[{\"x\": 1}]").columns()).containsExactly("x");
        Path notJson = write("t2.json", "x,y\n1,2\n");
        assertThatThrownBy(() -> Table.read(notJson)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(notJson + ":1: malformed JSON: ");
    }

    @Test
    void jsonNestedValuesAreRejectedWithTheirLine() {
        fails(() -> json("[{\"x\": 1},\n {\"x\": [1, 2]}]"),
                "data.json:2: column 'x': an array is not allowed, expected a number, string, boolean or null");
        fails(() -> json("[{\"x\": 1},\n\n {\"x\": 2, \"y\": {\"a\": 1}}]"),
                "data.json:3: column 'y': an object is not allowed, expected a number, string, boolean or null");
    }

    @Test
    void jsonOfTheWrongShape() {
        fails(() -> json("{\"x\": [1, 2]}"), "data.json:1: expected a JSON array of objects, one per row, found an object");
        fails(() -> json("[{\"x\": 1},\n 3]"), "data.json:2: expected an object for each row, found a number");
        fails(() -> json("[]"), "data.json: no data rows: the JSON array is empty");
        fails(() -> json("[{\"x\": 1,\n \"x\": 2}]"), "data.json:2: column 'x' appears twice in one object");
    }

    @Test
    void malformedJsonNamesTheLine() {
        assertThatThrownBy(() -> json("[{\"x\": 1},\n{\"x\": 2,}\n]")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("data.json:2: malformed JSON: ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> json("[{\"x\": 1},\n{\"x\": 2}\n")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("data.json:").hasMessageContaining("malformed JSON").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> json("[{\"x\": NaN}]")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("data.json:1: malformed JSON: ");
        assertThatThrownBy(() -> json("[{\"x\": 1}] [")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("data.json:1: ");
    }

    @Test
    void aTableInMemoryReportsItsSourceAndLinesAndRefusesRaggedRows() {
        Table t = Table.of("evals", java.util.List.of("x", "loss"), new String[][] {{"1", "2.5"}, {"10", "abc"}}, new int[] {1, 2});
        assertThat(t.number(0, 1)).isEqualTo(2.5);
        assertThatThrownBy(() -> t.number(1, 1)).isInstanceOf(InputException.class)
                .hasMessage("evals:2: column 'loss': 'abc' is not a number");
        assertThatThrownBy(() -> Table.of("evals", java.util.List.of("x", "loss"), new String[][] {{"1"}}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells under 2 columns");
    }
}
