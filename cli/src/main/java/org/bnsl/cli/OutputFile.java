package org.bnsl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.bnsl.InputException;

/** Writes output files whole or not at all: to a temporary file beside the target, then a rename. */
final class OutputFile {
    private OutputFile() {
    }

    /** Fails early, before any work, when the file could not be written. */
    static void checkWritable(Path target, String option) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InputException(option + " " + target + ": the folder " + (dir == null ? "" : dir + " ")
                    + "does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new InputException(option + " " + target + ": is a folder, expected a file name");
        }
    }

    /** Whether both paths name the same existing file (through links and relative paths too). */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    static void write(Path target, String content, String option) {
        write(target, content.getBytes(StandardCharsets.UTF_8), option);
    }

    /** Binary content (a PNG, say), written whole or not at all. */
    static void write(Path target, byte[] content, String option) {
        checkWritable(target, option);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InputException(option + " " + target + ": cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
