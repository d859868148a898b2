package io.headlight.render;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file that could not be written, said in one line that names the file and the cause in words (no space,
 * no permission, not a folder) instead of the library's message ("I/O error writing PNG file!") or the name of
 * the hidden temporary file the bytes were going to.
 */
public final class WriteFailure extends IOException {
    private WriteFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure to write {@code target} that {@code cause} (thrown anywhere on the way) amounts to. */
    public static WriteFailure of(Path target, Throwable cause) {
        if (cause instanceof WriteFailure already) {
            return already;
        }
        return new WriteFailure("cannot write " + target.toAbsolutePath() + ": " + reason(target, cause), cause);
    }

    /** The cause in words; the operating system's reason is found however deep a library has wrapped it. */
    static String reason(Path target, Throwable cause) {
        Path folder = target.toAbsolutePath().getParent();
        String last = null;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String said = said(t);
            String known = known(said, t, folder);
            if (known != null) {
                return known;
            }
            if (said != null && !said.isBlank()) {
                last = last == null ? said : last;
            }
        }
        if (folder != null && !Files.isDirectory(folder)) {
            return Files.exists(folder) ? folder + " is not a folder" : "folder " + folder + " does not exist";
        }
        return last != null ? oneLine(last) : cause.getClass().getSimpleName();
    }

    private static String said(Throwable t) {
        return t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage();
    }

    private static String known(String said, Throwable t, Path folder) {
        String s = said == null ? "" : said.toLowerCase(Locale.ROOT);
        if (s.contains("no space left") || s.contains("disk full") || s.contains("not enough space")) {
            return "no space left on the disk";
        }
        if (s.contains("quota")) {
            return "disk quota exceeded";
        }
        if (s.contains("read-only file system")) {
            return "the disk is read-only";
        }
        if (t instanceof AccessDeniedException || s.contains("permission denied") || s.contains("access denied")) {
            return "permission denied in " + folder;
        }
        if (t instanceof NotDirectoryException || s.contains("not a directory")) {
            return notAFolder(folder);
        }
        if (s.contains("file name too long")) {
            return "the file name is too long";
        }
        if (t instanceof NoSuchFileException) {
            return folder != null && Files.isRegularFile(folder) ? notAFolder(folder)
                    : "folder " + folder + " does not exist";
        }
        return null;
    }

    private static String notAFolder(Path folder) {
        // The nearest ancestor that exists is the one that is a file, not a folder.
        Path p = folder;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return (p != null && !Files.isDirectory(p) ? p : folder) + " is not a folder";
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').strip();
    }
}
