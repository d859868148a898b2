package io.headlight.cli;

import io.headlight.model.AttentionModel;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code export --npz} and {@code export --all-heads-dir}: what they write and what they refuse. */
class LabelledExportCommandTest {
    private static final String TEXT = "The keeper saw the ships.";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> expectedNames(String view, int layers, int heads, String ext) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                names.add(String.format("%s-L%d-H%02d.%s", view, l, h, ext));
            }
        }
        return names;
    }

    @Test
    void npzNamesEveryMemberOfTheModelsInputs() throws Exception {
        Path npz = dir.resolve("a.npz");
        assertEquals(0, run("export", "--text", TEXT, "--text-b", "A pair.", "--npz", npz.toString(), "--layer", "2",
                "--head", "3"), errors());
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        List<String> expected = new ArrayList<>(List.of("attentions.npy", "tokens.npy"));
        model.inputNames().forEach(n -> expected.add(n + ".npy"));
        expected.addAll(List.of("model.npy", "text.npy", "text_b.npy", "layer.npy", "head.npy"));
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            assertEquals(expected, zip.stream().map(e -> e.getName()).toList());
        }
    }

    @Test
    void allHeadsDirWritesOnePngPerLayerAndHead() throws Exception {
        Path folder = dir.resolve("heads");
        assertEquals(0, run("export", "--text", TEXT, "--all-heads-dir", folder.toString()), errors());
        List<String> expected = expectedNames("heatmap", 6, 12, "png");
        assertEquals(expected, names(folder));
        for (String name : List.of(expected.get(0), expected.get(expected.size() - 1))) {
            BufferedImage image = ImageIO.read(folder.resolve(name).toFile());
            assertNotNull(image, name + " is a PNG");
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, name);
        }
    }

    @Test
    void allHeadsDirWritesSvgOfTheHeadViewWhenAsked() throws Exception {
        Path folder = dir.resolve("svg");
        assertEquals(0, run("export", "--model", "bge-small-zh-v1.5", "--text", "我 喜欢 北京", "--all-heads-dir",
                folder.toString(), "--format", "svg", "--view", "lines"), errors());
        List<String> expected = expectedNames("lines", 4, 8, "svg").stream()
                .map(n -> n.replaceAll("-H0(\\d)", "-H$1")).toList();
        assertEquals(expected, names(folder));
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(folder.resolve(expected.get(5)).toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
    }

    @Test
    void allHeadsDirReplacesNothingWithoutForce() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("taken"));
        Path taken = Files.writeString(folder.resolve("heatmap-L3-H07.png"), "mine");
        assertEquals(1, run("export", "--text", TEXT, "--all-heads-dir", folder.toString()));
        assertTrue(errors().contains("heatmap-L3-H07.png already exists") && errors().contains("--force"), errors());
        assertEquals(List.of("heatmap-L3-H07.png"), names(folder), "nothing was written");
        assertEquals("mine", Files.readString(taken));
        err.reset();
        assertEquals(0, run("export", "--text", TEXT, "--all-heads-dir", folder.toString(), "--force"), errors());
        assertEquals(72, names(folder).size());
        assertNotNull(ImageIO.read(taken.toFile()), "replaced by the figure");
    }

    @Test
    void badAllHeadsArgumentsAreOneLineUsageErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        String[][] bad = {
                {"--format", "svg", "--png", dir.resolve("x.png").toString()},
                {"--all-heads-dir", dir.resolve("d").toString(), "--format", "gif"},
                {"--all-heads-dir", dir.resolve("d").toString(), "--view", "grid"},
        };
        for (String[] args : bad) {
            err.reset();
            List<String> all = new ArrayList<>(List.of("export", "--text", TEXT));
            all.addAll(List.of(args));
            assertEquals(2, run(all.toArray(String[]::new)), String.join(" ", args));
            assertEquals(1, errors().strip().lines().count(), errors());
            assertTrue(errors().startsWith("headlight: "), errors());
        }
        err.reset();
        assertEquals(1, run("export", "--text", TEXT, "--all-heads-dir", file.toString()));
        assertTrue(errors().contains("is a file"), errors());
        err.reset();
        assertEquals(1, run("export", "--text", TEXT, "--all-heads-dir", dir.resolve("no/such/dir").toString()));
        assertTrue(errors().contains("does not exist"), errors());
    }
}
