package io.headlight.model;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hidden files Headlight writes before moving them into place (exports, cached graphs), named
 * {@code .headlight-<pid>-<random>.part} after the process that owns them. A part file is deleted when its
 * write ends either way, and at exit (normal or SIGINT/SIGTERM) if a write was still under way; one left by a
 * process that was killed outright is recognised by its dead owner and removed by the next write into that
 * folder. The owner's pid in the name is what makes that safe: a live process's part file is never touched.
 */
public final class PartFiles {
    private static final String PREFIX = ".headlight-";
    private static final String SUFFIX = ".part";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f]+"
            + Pattern.quote(SUFFIX));
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final Thread AT_EXIT = new Thread(PartFiles::deleteOpen, "headlight-part-files");
    private static volatile boolean hooked;

    private PartFiles() {
    }

    /**
     * Creates an empty part file in {@code folder}, owned by this process and deleted at exit unless
     * {@link #discard discarded} before.
     *
     * @throws IOException when the folder cannot take a new file
     */
    public static Path create(Path folder) throws IOException {
        hookOnce();
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        Path part = folder.resolve(PREFIX + ProcessHandle.current().pid() + "-" + random + SUFFIX);
        // Known before it exists, so a signal between the two cannot leave it behind.
        OPEN.add(part);
        try {
            return Files.createFile(part);
        } catch (IOException e) {
            OPEN.remove(part);
            throw e;
        }
    }

    /** Deletes {@code part} if it is still there (it is not once moved into place) and forgets it. */
    public static void discard(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // Best effort: the file is hidden, and the next write into the folder removes it once we are gone.
        }
        OPEN.remove(part);
    }

    /**
     * Removes the part files in {@code folder} whose owner process is gone; best effort, never fails.
     *
     * @return how many were removed
     */
    public static int removeStale(Path folder) {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
            for (Path part : parts) {
                if (isStale(part)) {
                    try {
                        removed += Files.deleteIfExists(part) ? 1 : 0;
                    } catch (IOException ignored) {
                        // Someone else's, or already gone: leave it.
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // A folder that cannot be listed is reported by the write that follows, if it matters.
        }
        return removed;
    }

    /** Whether {@code part} is a Headlight part file whose owner has exited. */
    static boolean isStale(Path part) throws IOException {
        Matcher m = NAME.matcher(part.getFileName().toString());
        if (!m.matches()) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (owner.isEmpty()) {
            return true;
        }
        // A live process that started after the file was last written cannot be its owner: the pid was reused.
        Optional<Instant> started = owner.get().info().startInstant();
        Instant written = Files.getLastModifiedTime(part).toInstant();
        return started.isPresent() && started.get().isAfter(written.plusSeconds(2));
    }

    private static void hookOnce() {
        if (!hooked) {
            synchronized (PartFiles.class) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(AT_EXIT);
                    hooked = true;
                }
            }
        }
    }

    private static void deleteOpen() {
        for (Path part : OPEN) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // The next write into that folder removes it.
            }
        }
    }
}
