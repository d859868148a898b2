package io.headlight.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.IIOException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failed write says in one line which file and why, whatever library the bytes went through. */
class WriteFailureTest {

    static Stream<Arguments> causes() {
        return Stream.of(
                Arguments.of(new IIOException("I/O error writing PNG file!", new IOException("No space left on device")),
                        "no space left on the disk"),
                Arguments.of(new FileSystemException("/x/.headlight-1-a.part", null, "No space left on device"),
                        "no space left on the disk"),
                Arguments.of(new IOException("Disk quota exceeded"), "disk quota exceeded"),
                Arguments.of(new FileSystemException("/x/y.png", null, "Read-only file system"),
                        "the disk is read-only"),
                Arguments.of(new AccessDeniedException("/x/.headlight-1-a.part"), "permission denied in /x"),
                Arguments.of(new IOException("write failed", new IOException("Permission denied")),
                        "permission denied in /x"),
                Arguments.of(new FileSystemException("/x/y.png", null, "File name too long"),
                        "the file name is too long"),
                Arguments.of(new NoSuchFileException("/x/.headlight-1-a.part"), "folder /x does not exist"));
    }

    @ParameterizedTest
    @MethodSource("causes")
    void theOperatingSystemsReasonIsSaidInWords(IOException cause, String reason) {
        WriteFailure failure = WriteFailure.of(Path.of("/x/y.png"), cause);

        assertEquals("cannot write /x/y.png: " + reason, failure.getMessage());
    }

    @Test
    void anUnknownCauseKeepsItsOwnWordsOnOneLine(@TempDir Path dir) {
        WriteFailure failure = WriteFailure.of(dir.resolve("y.png"), new IOException("Broken pipe\nsecond line"));

        assertEquals("cannot write " + dir.resolve("y.png") + ": Broken pipe second line", failure.getMessage());
    }

    @Test
    void aPngOntoAFullDiskSaysSoNotImageIosMessage() {
        // /dev/full fails every write with ENOSPC, as a full disk does.
        PngSurface png = new PngSurface(400, 300, 2);
        png.fillRect(0, 0, 400, 300, 0xFF336699);
        Path full = Path.of("/dev/full");

        IOException raw = assertThrows(IOException.class, () -> png.write(full));
        WriteFailure failure = WriteFailure.of(full, raw);

        assertEquals("cannot write /dev/full: no space left on the disk", failure.getMessage());
    }

    @Test
    void aPngExportIntoAFileInsteadOfAFolderNamesThatFile(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("figures"), "a file, not a folder");
        Path target = notAFolder.resolve("heatmap.png");
        PngSurface png = new PngSurface(20, 20, 1);

        WriteFailure failure = assertThrows(WriteFailure.class, () -> AtomicFile.write(target, png::write));

        assertEquals("cannot write " + target + ": " + notAFolder + " is not a folder", failure.getMessage());
        assertFalse(failure.getMessage().contains(".part"));
        assertTrue(failure.getMessage().lines().count() == 1);
    }
}
