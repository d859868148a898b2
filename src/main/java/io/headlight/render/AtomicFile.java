package io.headlight.render;

import io.headlight.model.PartFiles;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a failure never leaves half a file behind nor destroys the one that was there: the
 * bytes go to a hidden {@link PartFiles part file} beside the target, which is moved into place only when
 * complete, and deleted when the write fails or the process exits first. Part files that earlier, killed runs
 * left in the folder are removed before writing.
 */
public final class AtomicFile {
    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code target} through a temporary file; on failure the target is as it was.
     *
     * @throws WriteFailure saying in one line which file could not be written and why
     */
    public static void write(Path target, Content content) throws WriteFailure {
        Path folder = target.toAbsolutePath().getParent();
        PartFiles.removeStale(folder);
        Path temp;
        try {
            // Not createTempFile: its owner-only permissions would stick to the finished file.
            temp = PartFiles.create(folder);
        } catch (IOException e) {
            throw WriteFailure.of(target, e);
        }
        try {
            content.writeTo(temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw WriteFailure.of(target, e);
        } finally {
            PartFiles.discard(temp);
        }
    }
}
