package io.headlight.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two windows open at once each write what they changed, and neither undoes the other's. */
class RememberedSettingsTest {

    @Test
    void twoWritersMergeInsteadOfTheLastOneWinning(@TempDir Path dir) {
        Path file = dir.resolve("settings.properties");
        RememberedSettings before = new RememberedSettings(file);
        before.rememberColorMap("greys");
        before.rememberModel("all-MiniLM-L6-v2");
        before.flush();

        // Both windows start from the same file; each changes something else and closes.
        RememberedSettings first = new RememberedSettings(file);
        RememberedSettings second = new RememberedSettings(file);
        first.rememberColorMap("viridis");
        first.flush();
        second.rememberModel("bge-small-zh-v1.5");
        second.rememberSize(900, 600);
        second.flush();

        RememberedSettings next = new RememberedSettings(file);
        assertEquals("viridis", next.colorMap("?"), "the window closed last kept the other's colour map");
        assertEquals("bge-small-zh-v1.5", next.model("?"));
        assertEquals(900, next.width(0));
    }

    @Test
    void sentencesLayerAndHeadComeBack(@TempDir Path dir) {
        Path file = dir.resolve("settings.properties");
        RememberedSettings session = new RememberedSettings(file);
        session.rememberTexts("我 喜欢 北京", "Second = sentence\nwith a line break");
        session.rememberHead(3, 7);
        session.flush();

        RememberedSettings next = new RememberedSettings(file);
        assertEquals("我 喜欢 北京", next.textA("?"));
        assertEquals("Second = sentence\nwith a line break", next.textB());
        assertEquals(3, next.layer());
        assertEquals(7, next.head());
    }

    @Test
    void theFileIsWrittenWholeWithNothingBesideIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("headlight").resolve("settings.properties");
        RememberedSettings settings = new RememberedSettings(file);
        settings.rememberDark(true);
        settings.flush();

        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(file, file.resolveSibling("settings.properties.lock")), left.sorted().toList());
        }
        assertEquals(true, new RememberedSettings(file).dark());
    }
}
