package io.headlight.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What a user may point Headlight at: a folder as optimum writes it, or the .onnx file itself. */
class ModelSourceTest {

    @Test
    void aFolderWithModelOnnxAndTokenizerJson(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("my-bert"));
        touch(folder, "model.onnx", "tokenizer.json", "config.json");
        ModelSource source = ModelSource.resolve(folder.toString());
        assertEquals(folder.resolve("model.onnx"), source.onnxFile());
        assertEquals(folder.resolve("tokenizer.json"), source.tokenizerFile());
        assertEquals("my-bert", source.id());
        assertFalse(source.bundled());
    }

    @Test
    void modelOnnxWinsOverOtherOnnxFiles(@TempDir Path dir) throws Exception {
        touch(dir, "model.onnx", "model_quantized.onnx", "tokenizer.json");
        assertEquals(dir.resolve("model.onnx"), ModelSource.resolve(dir.toString()).onnxFile());
    }

    @Test
    void oneOnnxFileNeedNotBeCalledModel(@TempDir Path dir) throws Exception {
        touch(dir, "encoder.onnx", "tokenizer.json");
        assertEquals(dir.resolve("encoder.onnx"), ModelSource.resolve(dir.toString()).onnxFile());
    }

    @Test
    void aSingleNamedTokenizerFileIsAccepted(@TempDir Path dir) throws Exception {
        touch(dir, "bert.onnx", "bert-tokenizer.json");
        assertEquals(dir.resolve("bert-tokenizer.json"), ModelSource.resolve(dir.toString()).tokenizerFile());
    }

    @Test
    void anOnnxFilePathFindsTheTokenizerBesideIt(@TempDir Path dir) throws Exception {
        touch(dir, "encoder.onnx", "other.onnx", "tokenizer.json");
        ModelSource source = ModelSource.resolve(dir.resolve("encoder.onnx").toString());
        assertEquals(dir.resolve("encoder.onnx"), source.onnxFile());
        assertEquals(dir.resolve("tokenizer.json"), source.tokenizerFile());
        assertEquals("encoder", source.id());
    }

    @Test
    void aUserFolderModelExplainsText(@TempDir Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.attention(30522), EditedGraphTest.minilmTokenizer());
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            AttentionResult result = model.explain("a small test", null);
            assertEquals(1, result.layers());
            assertEquals(TinyGraphs.HEADS, result.heads());
            assertEquals(5, result.length());
            assertEquals(TinyGraphs.WIDTH / TinyGraphs.HEADS, result.headDim());
            assertEquals(folder.getFileName().toString(), result.modelId());
        }
    }

    private static void touch(Path dir, String... names) throws IOException {
        for (String name : names) {
            Files.writeString(dir.resolve(name), "x");
        }
    }
}
