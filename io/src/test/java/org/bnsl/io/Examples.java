package org.bnsl.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code examples/} data sets, found from the module's folder; a missing file fails the test. */
final class Examples {
    private Examples() {
    }

    static Path path(String name) {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path dir = Files.isDirectory(module.resolve("examples")) ? module.resolve("examples") : module.getParent().resolve("examples");
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            fail("example data file not found: " + p);
        }
        return p;
    }
}
