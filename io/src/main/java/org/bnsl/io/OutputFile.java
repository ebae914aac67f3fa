package org.bnsl.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

import org.bnsl.InputException;

/**
 * Writes output files whole or not at all: to a temporary file beside the target, then a rename.
 * The file gets the permissions any new file gets (0666 less the umask), and never replaces an
 * input of the same run, however it is reached (links, relative paths).
 */
public final class OutputFile {
    private OutputFile() {
    }

    /** Fails early, before any work, when the file could not be written. */
    public static void checkWritable(Path target, String option) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InputException(option + " " + target + ": the folder " + (dir == null ? "" : dir + " ")
                    + "does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new InputException(option + " " + target + ": is a folder, expected a file name");
        }
        if (!Files.isWritable(dir)) {
            throw new InputException(option + " " + target + ": permission denied: cannot create files in the folder " + dir);
        }
    }

    /**
     * Fails early when {@code target} is one of the {@code inputs}: the same file by name, through
     * a symbolic link to it, or through a linked folder.
     */
    public static void checkNotInput(Path target, String option, Path... inputs) {
        for (Path in : inputs) {
            if (in != null && (sameFile(target, in) || target.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize()))) {
                throw new InputException(option + " " + target + ": is the input file " + in
                        + (target.equals(in) ? "" : " (the same file by another name)") + "; choose another name");
            }
        }
    }

    /** Whether both paths name the same existing file (through links and relative paths too). */
    public static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes text (UTF-8) to the target whole or not at all; {@code option} names the target in messages. */
    public static void write(Path target, String content, String option) {
        write(target, content.getBytes(StandardCharsets.UTF_8), option);
    }

    /** Binary content (a PNG, say), written whole or not at all. */
    public static void write(Path target, byte[] content, String option) {
        checkWritable(target, option);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = create(dir, target.getFileName().toString());
            try (OutputStream o = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                o.write(content);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (AccessDeniedException e) {
            throw new InputException(option + " " + target + ": permission denied");
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

    /**
     * A new empty file beside the target, created with the default permissions (0666 less the
     * umask), unlike {@link Files#createTempFile}, which makes it 0600.
     */
    private static Path create(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }
}
