package io.headlight.cli;

import io.headlight.model.HeadlightException;
import io.headlight.render.AtomicFile;
import io.headlight.render.WriteFailure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * Fails before any work when {@code target} is a file, or cannot be made a folder because its parent is
     * missing or not writable; the folder itself is created only when the export starts writing.
     */
    static Path checkFolder(String target) throws HeadlightException {
        Path folder = Path.of(target).toAbsolutePath();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new HeadlightException(target + " is a file; give a folder to write the figures into");
        }
        Path writable = Files.isDirectory(folder) ? folder : folder.getParent();
        if (writable == null || !Files.isDirectory(writable)) {
            throw new HeadlightException("cannot write into " + target + ": folder " + writable + " does not exist");
        }
        if (!Files.isWritable(writable)) {
            throw new HeadlightException("cannot write into " + target + ": folder " + writable + " is not writable");
        }
        return folder;
    }

    /** Fails when one of {@code files} exists and {@code force} is not given, naming the first one. */
    static void checkAbsent(List<Path> files, boolean force) throws HeadlightException {
        List<Path> there = force ? List.of() : files.stream().filter(Files::exists).toList();
        if (!there.isEmpty()) {
            String which = there.size() == 1 ? there.get(0) + " already exists"
                    : there.get(0) + " and " + (there.size() - 1) + " more files already exist";
            throw new HeadlightException(which + "; choose another folder or add --force to replace them");
        }
    }

    static void write(Path file, AtomicFile.Content content) throws HeadlightException {
        try {
            AtomicFile.write(file, content);
        } catch (WriteFailure e) {
            throw new HeadlightException(e.getMessage(), e);
        }
    }
}
