package io.headlight.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.headlight.model.AttentionResult;
import io.headlight.model.SharedModels;
import io.headlight.render.ShownMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportCommandTest {
    private static final String TEXT = "The lighthouse keeper's cat watched the ships.";

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

    @Test
    void jsonHoldsExactlyTheEngineFloats() throws Exception {
        Path json = dir.resolve("a.json");
        assertEquals(0, run("export", "--model", "all-MiniLM-L6-v2", "--text", TEXT, "--json", json.toString()),
                errors());
        AttentionResult expected = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null);
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(java.util.List.of("model", "inputs", "tokens", "input_ids", "token_type_ids", "layers", "heads",
                "attentions"), java.util.List.copyOf(root.keySet()));
        assertEquals(expected.layers(), root.get("layers").getAsInt());
        assertEquals(expected.heads(), root.get("heads").getAsInt());
        JsonArray tokens = root.getAsJsonArray("tokens");
        assertEquals(expected.length(), tokens.size());
        for (int i = 0; i < expected.length(); i++) {
            assertEquals(expected.token(i).text(), tokens.get(i).getAsString());
            assertEquals(expected.token(i).id(), root.getAsJsonArray("input_ids").get(i).getAsLong());
        }
        JsonArray attentions = root.getAsJsonArray("attentions");
        for (int l = 0; l < expected.layers(); l++) {
            for (int h = 0; h < expected.heads(); h++) {
                JsonArray head = attentions.get(l).getAsJsonArray().get(h).getAsJsonArray();
                for (int q = 0; q < expected.length(); q++) {
                    JsonArray row = head.get(q).getAsJsonArray();
                    for (int k = 0; k < expected.length(); k++) {
                        assertEquals(expected.attention(l, h, q, k), row.get(k).getAsFloat(),
                                "layer " + l + " head " + h + " row " + q + " col " + k);
                    }
                }
            }
        }
    }

    @Test
    void rolloutAndQueryKeysAreAddedOnRequest() throws Exception {
        Path json = dir.resolve("qk.json");
        assertEquals(0, run("export", "--text", TEXT, "--json", json.toString(), "--rollout", "--qk"), errors());
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null);
        assertEquals(r.length(), root.getAsJsonArray("rollout").size());
        JsonArray key = root.getAsJsonArray("keys").get(3).getAsJsonArray().get(7).getAsJsonArray().get(2)
                .getAsJsonArray();
        float[] expected = r.key(3, 7, 2);
        assertEquals(expected.length, key.size());
        for (int d = 0; d < expected.length; d++) {
            assertEquals(expected[d], key.get(d).getAsFloat());
        }
    }

    @Test
    void npyHasNumpyHeaderAndTheTensorInCOrder() throws Exception {
        Path npy = dir.resolve("a.npy");
        assertEquals(0, run("export", "--text", TEXT, "--npy", npy.toString()), errors());
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(npy)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = bytes.getShort(8);
        String header = new String(bytes.array(), 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (6, 12, " + r.length() + ", " + r.length() + ")"), header);
        assertEquals(0, (10 + headerLength) % 64);
        bytes.position(10 + headerLength);
        float[] data = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(data);
        float[] expected = new float[data.length];
        r.attentionBuffer().get(expected);
        assertArrayEquals(expected, data);
    }

    @Test
    void pngAtTwiceTheScaleHasTwiceThePixels() throws Exception {
        Path one = dir.resolve("one.png");
        Path two = dir.resolve("two.png");
        assertEquals(0, run("export", "--text", TEXT, "--png", one.toString(), "--layer", "2", "--head", "5"));
        assertEquals(0, run("export", "--text", TEXT, "--png", two.toString(), "--layer", "2", "--head", "5",
                "--scale", "2"));
        BufferedImage a = ImageIO.read(one.toFile());
        BufferedImage b = ImageIO.read(two.toFile());
        assertEquals(2 * a.getWidth(), b.getWidth());
        assertEquals(2 * a.getHeight(), b.getHeight());
    }

    @Test
    void svgOfTheHeadViewIsWellFormedXml() throws Exception {
        Path svg = dir.resolve("lines.svg");
        assertEquals(0, run("export", "--text", TEXT, "--svg", svg.toString(), "--view", "lines"), errors());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(doc.getElementsByTagName("line").getLength() > 0);
    }

    @Test
    void anExistingFileIsNeverOverwrittenUnasked() throws Exception {
        Path json = dir.resolve("keep.json");
        Files.writeString(json, "precious");
        assertEquals(1, run("export", "--text", TEXT, "--json", json.toString()));
        assertEquals("precious", Files.readString(json));
        assertTrue(errors().contains("already exists"), errors());
        assertEquals(1, errors().lines().count(), errors());
    }

    @Test
    void anUnwritablePathFailsInOneLineAndCreatesNothing() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path target = blocker.resolve("out.json");
        assertEquals(1, run("export", "--text", TEXT, "--json", target.toString()));
        assertEquals(1, errors().lines().count(), errors());
        assertTrue(errors().startsWith("headlight: cannot write"), errors());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void emptyTextIsAnErrorWithExitCodeOne() {
        assertEquals(1, run("export", "--text", "  ", "--json", dir.resolve("e.json").toString()));
        assertTrue(errors().startsWith("headlight: "), errors());
        assertFalse(Files.exists(dir.resolve("e.json")));
    }

    @Test
    void aMissingModelIsAnErrorWithExitCodeOne() {
        assertEquals(1, run("export", "--model", dir.resolve("nothing").toString(), "--text", TEXT, "--json",
                dir.resolve("m.json").toString()));
        assertEquals(1, errors().lines().count(), errors());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwo() {
        assertEquals(2, run("export", "--txet", TEXT));
        assertTrue(errors().contains("unknown option --txet"), errors());
    }

    @Test
    void anOutOfRangeHeadIsRefusedBeforeWriting() {
        assertEquals(2, run("export", "--text", TEXT, "--png", dir.resolve("x.png").toString(), "--head", "12"));
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void theWindowsTogglesShapeTheExportedHeatmap() throws Exception {
        String a = "Unbelievably, the cat sat.";
        String b = "It stayed there.";
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(a, b);
        Path plain = dir.resolve("plain.svg");
        Path merged = dir.resolve("merged.svg");
        assertEquals(0, run("export", "--text", a, "--text-b", b, "--svg", plain.toString()), errors());
        assertEquals(0, run("export", "--text", a, "--text-b", b, "--svg", merged.toString(), "--words",
                "--hide-special"), errors());

        int colourBarAndFrame = 64 + 2;
        assertEquals(r.length() * r.length() + colourBarAndFrame, elements(plain, "rect"));
        int words = ShownMatrix.of(r, 0, 0, false, false, true, true, a, b).size();
        assertTrue(words < r.length() - 3, "pieces merged and [CLS]/[SEP] dropped: " + words);
        assertEquals(words * words + colourBarAndFrame, elements(merged, "rect"));
    }

    @Test
    void thePairFilterLeavesOnlyTheChosenDirection() throws Exception {
        String[] pair = {"export", "--text", "The cat sat.", "--text-b", "It stayed.", "--view", "lines"};
        int all = lines(pair, "all");
        int aToB = lines(pair, "a-b");
        int bToA = lines(pair, "b-a");
        assertTrue(aToB > 0 && bToA > 0 && aToB + bToA < all, all + " lines, " + aToB + " A->B, " + bToA + " B->A");
    }

    @Test
    void anUnknownPairFilterIsAUsageError() {
        assertEquals(2, run("export", "--text", TEXT, "--png", dir.resolve("p.png").toString(), "--pairs", "a-c"));
        assertTrue(errors().startsWith("headlight: unknown pair filter 'a-c'"), errors());
        assertEquals(1, errors().lines().count(), errors());
    }

    private int lines(String[] command, String pairs) throws Exception {
        Path svg = dir.resolve("lines-" + pairs + ".svg");
        String[] args = Arrays.copyOf(command, command.length + 4);
        args[command.length] = "--pairs";
        args[command.length + 1] = pairs;
        args[command.length + 2] = "--svg";
        args[command.length + 3] = svg.toString();
        assertEquals(0, run(args), errors());
        return elements(svg, "line");
    }

    private static int elements(Path svg, String tag) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile())
                .getElementsByTagName(tag).getLength();
    }
}
