package io.headlight.render;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a failure never leaves half a file behind nor destroys the one that was there: the
 * bytes go to a hidden temporary file beside the target, which is moved into place only when complete.
 */
public final class AtomicFile {
    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code target} through a temporary file; on failure the target is as it was. */
    public static void write(Path target, Content content) throws IOException {
        // Not createTempFile: its owner-only permissions would stick to the finished file.
        String hidden = "." + target.getFileName() + "." + System.nanoTime() + ".part";
        Path temp;
        try {
            temp = Files.createFile(target.resolveSibling(hidden));
        } catch (FileSystemException e) {
            // The temporary file's name would only puzzle the user: say what is wrong with the target's folder.
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new IOException(reason + " in " + target.toAbsolutePath().getParent(), e);
        }
        try {
            content.writeTo(temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort: the temporary file is hidden and named for its target.
            }
        }
    }
}
