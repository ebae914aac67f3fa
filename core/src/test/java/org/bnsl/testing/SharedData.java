package org.bnsl.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real published data sets, found through the one system property the root POM sets
 * ({@code bnsl.shared.data}). Tests fail, never skip, when it is missing.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path path(String relative) {
        String dir = System.getProperty("bnsl.shared.data");
        if (dir == null || dir.isBlank()) {
            fail("system property bnsl.shared.data is not set; the root POM sets it for surefire");
        }
        Path p = Path.of(dir, relative);
        if (!Files.isRegularFile(p)) {
            fail("shared data file not found: " + p);
        }
        return p;
    }
}
