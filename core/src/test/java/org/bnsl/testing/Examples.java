package org.bnsl.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real published data sets that tests use, kept in the repository's {@code examples/} folder
 * with their source notes (examples/README.md). Found from the module's folder ({@code basedir},
 * which surefire sets; the working folder otherwise) or its parent, so a fresh clone needs nothing
 * beside it. Tests fail, never skip, when a file is missing.
 */
public final class Examples {
    private Examples() {
    }

    public static Path path(String name) {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path dir = Files.isDirectory(module.resolve("examples")) ? module.resolve("examples")
                : module.getParent().resolve("examples");
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            fail("example data file not found: " + p);
        }
        return p;
    }
}
