package io.headlight.cli;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionResult;
import io.headlight.model.Norms;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code export --measure norms}: the heatmap, grid and head view drawn from ‖α f(x)‖, and saying so. */
class NormsExportTest {
    private static final String TEXT = "The lighthouse keeper's cat watched the ships.";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /* The colour bar tops out at the matrix's largest value: for norms that is max α‖f‖, not a probability. */
    @Test
    void theHeatmapOfNormsIsTitledSoAndScaledToTheLargestNorm() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null, Norms.COMPUTE);
        Path head = dir.resolve("head.svg");
        Path layer = dir.resolve("layer.svg");
        assertEquals(0, run("export", "--text", TEXT, "--svg", head.toString(), "--layer", "3", "--head", "5",
                "--measure", "norms"), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("export", "--text", TEXT, "--svg", layer.toString(), "--layer", "3", "--all-heads",
                "--measure", "norms"), err.toString(StandardCharsets.UTF_8));

        List<String> headTexts = texts(head);
        assertTrue(headTexts.stream().anyMatch(s -> s.contains("head 5 · norms ‖α f(x)‖")), headTexts.toString());
        assertTrue(headTexts.contains(String.format(Locale.ROOT, "%.2f", max(NormAttention.headMatrix(r, 3, 5)))),
                headTexts.toString());
        List<String> layerTexts = texts(layer);
        assertTrue(layerTexts.stream().anyMatch(s -> s.contains("norms ‖Σ_h α f(x)‖ of 12 heads")),
                layerTexts.toString());
        assertTrue(layerTexts.contains(String.format(Locale.ROOT, "%.2f", max(NormAttention.layerMatrix(r, 3)))),
                layerTexts.toString());
    }

    @Test
    void theGridOfNormsSaysItsSharedScale() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null, Norms.COMPUTE);
        float largest = 0;
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                largest = Math.max(largest, max(NormAttention.headMatrix(r, l, h)));
            }
        }
        Path weights = dir.resolve("weights.svg");
        Path norms = dir.resolve("norms.svg");
        assertEquals(0, run("export", "--text", TEXT, "--svg", weights.toString(), "--view", "grid"));
        assertEquals(0, run("export", "--text", TEXT, "--svg", norms.toString(), "--view", "grid", "--measure",
                "norms"), err.toString(StandardCharsets.UTF_8));
        String scale = String.format(Locale.ROOT, "norms ‖α f(x)‖, 0 to %.2f", largest);
        assertTrue(texts(norms).stream().anyMatch(s -> s.endsWith(scale)), texts(norms).toString());
        assertFalse(texts(weights).stream().anyMatch(s -> s.contains("norms")), texts(weights).toString());
        assertFalse(Files.readString(weights).equals(Files.readString(norms).replace(" · " + scale, "")),
                "the thumbnails differ, not only the title");
    }

    @Test
    void exportNpzWithNormsAddsTheNormMembers() throws Exception {
        Path npz = dir.resolve("n.npz");
        Path plain = dir.resolve("p.npz");
        assertEquals(0, run("export", "--text", TEXT, "--npz", npz.toString(), "--norms"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("export", "--text", TEXT, "--npz", plain.toString()), err.toString(StandardCharsets.UTF_8));
        try (java.util.zip.ZipFile with = new java.util.zip.ZipFile(npz.toFile());
             java.util.zip.ZipFile without = new java.util.zip.ZipFile(plain.toFile())) {
            assertTrue(with.getEntry("norms.npy") != null && with.getEntry("layer_norms.npy") != null);
            assertTrue(without.getEntry("norms.npy") == null && without.getEntry("layer_norms.npy") == null);
        }
    }

    /* The head view draws each line's opacity as its norm over the largest drawn, and its title says both. */
    @Test
    void theHeadViewOfNormsIsTitledSoWithItsOpacityScale() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null, Norms.COMPUTE);
        Path norms = dir.resolve("lines-norms.svg");
        Path weights = dir.resolve("lines-weights.svg");
        assertEquals(0, run("export", "--text", TEXT, "--svg", norms.toString(), "--view", "lines", "--layer", "2",
                "--head", "7", "--measure", "norms"), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("export", "--text", TEXT, "--svg", weights.toString(), "--view", "lines", "--layer",
                "2", "--head", "7"), err.toString(StandardCharsets.UTF_8));
        String title = String.format(Locale.ROOT, "head 7 · norms ‖α f(x)‖ · opacity 0 to %.2f",
                max(NormAttention.headMatrix(r, 2, 7)));
        assertTrue(texts(norms).stream().anyMatch(s -> s.endsWith(title)), texts(norms).toString());
        assertFalse(texts(weights).stream().anyMatch(s -> s.contains("norms")), texts(weights).toString());
        assertFalse(Files.readString(weights).equals(Files.readString(norms).replace(title, "head 7")),
                "the lines differ, not only the title");
    }

    @Test
    void normsOfTheNeuronViewOrAnUnknownMeasureAreUsageErrors() {
        assertEquals(2, run("export", "--text", TEXT, "--svg", dir.resolve("n.svg").toString(), "--view", "neuron",
                "--measure", "norms"));
        assertEquals(2, run("export", "--text", TEXT, "--svg", dir.resolve("m.svg").toString(), "--measure",
                "norm"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--measure norms draws the heatmap, the grid or the head view"), text);
        assertTrue(text.contains("--measure takes weights or norms, not 'norm'"), text);
        assertFalse(Files.exists(dir.resolve("n.svg")) || Files.exists(dir.resolve("m.svg")));
    }

    private static float max(float[] values) {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static List<String> texts(Path svg) throws Exception {
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile())
                .getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
