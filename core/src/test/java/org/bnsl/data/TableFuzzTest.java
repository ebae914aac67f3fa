package org.bnsl.data;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bnsl.testing.Outcome;

/**
 * Coverage-guided fuzzing of the table readers (docs/FUZZING.md). Each input is the raw bytes of
 * a file, decoded as strict UTF-8 as {@link Table#read(java.nio.file.Path)} does; then every cell
 * is read as a number. The only acceptable outcomes are a table or a one-line
 * {@link org.bnsl.InputException}. Under {@code mvn verify} these run on the corpus in
 * {@code src/test/resources/org/bnsl/data/TableFuzzTestInputs/} only.
 */
class TableFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void csv(byte[] bytes) {
        Outcome.resultOrOneLine(() -> readAll(bytes, Table.Format.CSV));
    }

    @FuzzTest(maxDuration = "30s")
    void json(byte[] bytes) {
        Outcome.resultOrOneLine(() -> readAll(bytes, Table.Format.JSON));
    }

    private static void readAll(byte[] bytes, Table.Format format) {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        Table t = Table.read("fuzz", reader, format);
        for (String c : t.columns()) {
            t.column(c);
        }
        Outcome.resultOrOneLine(() -> t.column("params"));
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columns().size(); c++) {
                Outcome.resultOrOneLine(read(t, r, c));
            }
        }
    }

    private static Runnable read(Table t, int r, int c) {
        return () -> t.number(r, c);
    }
}
