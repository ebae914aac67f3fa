package org.bnsl.io.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bnsl.InputException;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of the model-file reader that {@code predict}, {@code plot} and
 * {@code plan} use (docs/FUZZING.md). Each input is the bytes of a model file; it is read,
 * its "fitted_with" record is read, and every curve is evaluated at the ends of its fitted range. The only
 * acceptable outcomes are a result or an {@link InputException} with a one-line message. Under
 * {@code mvn verify} this runs on the corpus in
 * {@code src/test/resources/org/bnsl/cli/ModelFileFuzzTestInputs/} only.
 */
class ModelFileFuzzTest {
    private static Path file;

    @FuzzTest(maxDuration = "30s")
    void read(byte[] bytes) throws IOException {
        if (file == null) {
            file = Files.createTempFile("bnsl-fuzz-", ".json");
        }
        Files.write(file, bytes);
        try {
            for (ModelFile.Entry e : ModelFile.read(file)) {
                double[] x = new double[e.law().variables().size()];
                for (double v : new double[] {e.xMin(), e.xMax()}) {
                    java.util.Arrays.fill(x, v + e.xOffset());
                    e.law().value(e.parameters(), x);
                }
            }
            ModelFile.fittedWith(file);
        } catch (InputException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                throw new AssertionError("InputException message is not one line: " + m, e);
            }
        }
    }

    @AfterAll
    static void removeFile() throws IOException {
        if (file != null) Files.deleteIfExists(file);
    }
}
