package io.headlight.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.ExternalDataVariant;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model saved with external data ({@code model.onnx} + {@code model.onnx_data}, as optimum writes past 2 GB)
 * opens wherever the process was started, gives the original's attention, and keeps ONNX Runtime's own log
 * lines away from the user.
 */
class ExternalDataTest {
    private static final String MINILM = "all-MiniLM-L6-v2";
    private static final String TEXT = "Weights kept beside the graph.";

    @Test
    void opensFromAnyWorkingDirectoryWithTheOriginalsAttention(@TempDir Path dir) throws Exception {
        Path folder = externalVariant(dir.resolve("minilm-external"), "model.onnx_data");
        AttentionResult original = SharedModels.get(MINILM).explain(TEXT, null);
        // This JVM's working directory is the project, not the model's folder.
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            AttentionResult external = model.explain(TEXT, null);
            for (int l = 0; l < original.layers(); l++) {
                for (int h = 0; h < original.heads(); h++) {
                    assertArrayEquals(original.headMatrix(l, h), external.headMatrix(l, h), 0f);
                }
            }
        }
    }

    @Test
    void theCommandLineStartedElsewhereWritesTheOriginalsAttentionAndNoRuntimeLog(@TempDir Path dir)
            throws Exception {
        Path folder = externalVariant(dir.resolve("minilm-external"), "model.onnx_data");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path json = dir.resolve("out.json");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Xmx1g", "-Dai.djl.offline=true",
                "-Dheadlight.models.dir=" + System.getProperty("headlight.models.dir"),
                "-Dheadlight.cache.dir=" + dir.resolve("cache"),
                "io.headlight.Launcher", "export", "--model", folder.toString(), "--text", TEXT,
                "--json", json.toString()));
        Process process = new ProcessBuilder(command).directory(elsewhere.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "export finished");
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, process.exitValue(), stderr);
        assertEquals("", stderr, "nothing but Headlight's own lines reaches the terminal");

        AttentionResult original = SharedModels.get(MINILM).explain(TEXT, null);
        JsonArray layers = JsonParser.parseString(Files.readString(json)).getAsJsonObject()
                .getAsJsonArray("attentions");
        for (int l = 0; l < original.layers(); l++) {
            for (int h = 0; h < original.heads(); h++) {
                JsonArray rows = layers.get(l).getAsJsonArray().get(h).getAsJsonArray();
                float[] written = new float[original.length() * original.length()];
                for (int q = 0; q < original.length(); q++) {
                    for (int k = 0; k < original.length(); k++) {
                        written[q * original.length() + k] = rows.get(q).getAsJsonArray().get(k).getAsFloat();
                    }
                }
                assertArrayEquals(original.headMatrix(l, h), written, 0f, "layer " + l + " head " + h);
            }
        }
    }

    @Test
    void externalDataOutsideTheModelsFolderIsRefused(@TempDir Path dir) throws Exception {
        Path folder = externalVariant(dir.resolve("minilm-external"), "../stolen.bin");
        HeadlightException e = assertThrows(HeadlightException.class,
                () -> AttentionModel.open(ModelSource.resolve(folder.toString())).close());
        assertTrue(e.getMessage().contains("external data outside its folder"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("stolen.bin")), "the data file the test wrote is there");
    }

    private static Path externalVariant(Path folder, String location) throws IOException {
        return ExternalDataVariant.write(folder, location);
    }

}
