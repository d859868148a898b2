package io.headlight.cli;

import io.headlight.model.HeadlightException;
import io.headlight.render.AtomicFile;
import io.headlight.render.WriteFailure;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line's checks before writing an output file (never replace one without {@code --force}, fail
 * before any work on a folder that cannot be written), and the write itself through {@link AtomicFile}.
 */
final class SafeOutput {
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

    static void write(Path file, AtomicFile.Content content) throws HeadlightException {
        try {
            AtomicFile.write(file, content);
        } catch (WriteFailure e) {
            throw new HeadlightException(e.getMessage(), e);
        }
    }
}
