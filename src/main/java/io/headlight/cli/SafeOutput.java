package io.headlight.cli;

import io.headlight.model.HeadlightException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output file so that a failure never leaves half a file behind nor destroys one that was there:
 * the bytes go to a temporary file beside the target, which is moved into place only when complete.
 */
final class SafeOutput {
    /** What fills the temporary file. */
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private SafeOutput() {
    }

    /** Fails before any work when the target exists (without {@code force}) or its folder cannot be written. */
    static Path check(String target, boolean force) throws HeadlightException {
        Path file = Path.of(target).toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new HeadlightException(target + " is a folder; give a file name to write to");
        }
        if (Files.exists(file) && !force) {
            throw new HeadlightException(target + " already exists; choose another name or add --force to replace it");
        }
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new HeadlightException("cannot write " + target + ": folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            throw new HeadlightException("cannot write " + target + ": folder " + folder + " is not writable");
        }
        return file;
    }

    static void write(Path file, Content content) throws HeadlightException {
        Path temp = null;
        try {
            // Not createTempFile: its owner-only permissions would stick to the finished file.
            temp = Files.createFile(file.resolveSibling("." + file.getFileName() + "." + System.nanoTime() + ".part"));
            content.writeTo(temp);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HeadlightException("cannot write " + file + ": " + reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: the temporary file is hidden and named for its target.
                }
            }
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
