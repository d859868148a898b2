package io.headlight.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Part files carry their owner's pid, so those of a process that is gone can be removed and no others. */
class PartFilesTest {

    @Test
    void aPartFileOfAProcessThatIsGoneIsRemoved(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        Path stale = Files.writeString(dir.resolve(".headlight-" + gone.pid() + "-5eed.part"), "half a file");

        assertEquals(1, PartFiles.removeStale(dir));

        assertFalse(Files.exists(stale));
    }

    @Test
    void aPartFileOfALiveProcessIsKept(@TempDir Path dir) throws Exception {
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Path other = Files.writeString(dir.resolve(".headlight-" + alive.pid() + "-5eed.part"), "being written");
            Path mine = PartFiles.create(dir);

            assertEquals(0, PartFiles.removeStale(dir));

            assertEquals(List.of(other, mine).stream().sorted().toList(), files(dir));
            PartFiles.discard(mine);
        } finally {
            alive.destroyForcibly();
        }
    }

    @Test
    void filesThatAreNotHeadlightPartFilesAreNeverTouched(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        List<Path> others = List.of(
                Files.writeString(dir.resolve(".big.json.123.part"), "another program's"),
                Files.writeString(dir.resolve("headlight-" + gone.pid() + "-5eed.part"), "not hidden"),
                Files.writeString(dir.resolve(".headlight-" + gone.pid() + "-5eed.part.txt"), "not a part file"));

        assertEquals(0, PartFiles.removeStale(dir));

        assertEquals(others.stream().sorted().toList(), files(dir));
    }

    @Test
    void aDiscardedPartFileIsGone(@TempDir Path dir) throws Exception {
        Path part = PartFiles.create(dir);
        assertTrue(part.getFileName().toString().startsWith(".headlight-" + ProcessHandle.current().pid() + "-"));

        PartFiles.discard(part);

        assertEquals(List.of(), files(dir));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.sorted().toList();
        }
    }
}
