package io.headlight.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A write that fails half-way leaves the file the user chose to replace as it was, and no debris. */
class AtomicFileTest {

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("figure.png");
        Files.writeString(target, "the figure from yesterday");

        IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(target, temp -> {
            Files.writeString(temp, "half a fig");
            throw new IOException("No space left on device");
        }));

        assertEquals("cannot write " + target + ": no space left on the disk", failure.getMessage());
        assertEquals("the figure from yesterday", Files.readString(target));
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void aCompleteWriteReplacesTheFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("matrix.csv");
        Files.writeString(target, "old");

        AtomicFile.write(target, temp -> Files.write(temp, "new,1.0\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals("new,1.0\n", Files.readString(target));
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void aFolderThatCannotTakeFilesIsNamedNotTheTemporaryFile(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "x");
        Path target = notAFolder.resolve("figure.svg");

        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, Files::createFile));

        assertEquals("cannot write " + target + ": " + notAFolder + " is not a folder", e.getMessage());
        assertFalse(e.getMessage().contains(".part"), e.getMessage());
        assertEquals(List.of(notAFolder), files(dir));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.sorted().toList();
        }
    }
}
