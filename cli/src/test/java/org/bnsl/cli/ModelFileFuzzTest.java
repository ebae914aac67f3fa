package org.bnsl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bnsl.InputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the model-file reader that {@code predict}, {@code plot} and
 * {@code plan} use (docs/FUZZING.md). Each input is the bytes of a model file; it is read,
 * its "fitted_with" record is read, and every curve predicts at its fitted range. The only
 * acceptable outcomes are a result or an {@link InputException} with a one-line message. Under
 * {@code mvn verify} this runs on the corpus in
 * {@code src/test/resources/org/bnsl/cli/ModelFileFuzzTestInputs/} only.
 */
class ModelFileFuzzTest {
    private static Path file;

    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void read(byte[] bytes) throws IOException {
        if (file == null) {
            file = Files.createTempFile("bnsl-fuzz-", ".json");
        }
        Files.write(file, bytes);
        try {
            for (ModelFile.Entry e : ModelFile.read(file)) {
                e.predict(e.xMin());
                e.predict(e.xMax());
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
