package io.headlight.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a model can be wrong ends in one line that says what is wrong and what to do. */
class ModelErrorsTest {

    @Test
    void aMissingPathIsNeitherAModelNorAFile(@TempDir Path dir) {
        String message = resolveFails(dir.resolve("no-such-model").toString());
        assertContains(message, "No model at");
        assertContains(message, "all-MiniLM-L6-v2");
    }

    @Test
    void aFolderWithoutOnnxSaysSo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertContains(resolveFails(dir.toString()), "No .onnx file in");
    }

    @Test
    void aFolderWithoutTokenizerSaysSo(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), new byte[] {1});
        assertContains(resolveFails(dir.toString()), "No tokenizer.json in");
    }

    @Test
    void anOnnxFileWithoutTokenizerBesideItSaysSo(@TempDir Path dir) throws IOException {
        Path onnx = Files.write(dir.resolve("encoder.onnx"), new byte[] {1});
        assertContains(resolveFails(onnx.toString()), "No tokenizer.json in");
    }

    @Test
    void severalOnnxFilesAreNamed(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("a.onnx"), new byte[] {1});
        Files.write(dir.resolve("b.onnx"), new byte[] {1});
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        String message = resolveFails(dir.toString());
        assertContains(message, "a.onnx, b.onnx");
    }

    @Test
    void aTruncatedOnnxIsNotAValidModel(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(ModelSource.resolve("all-MiniLM-L6-v2").onnxFile());
        Path folder = folderWith(dir, Arrays.copyOf(whole, 200_000));
        assertContains(openFails(folder), "model.onnx is not a valid ONNX model");
    }

    @Test
    void randomBytesAreNotAValidModel(@TempDir Path dir) throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        assertContains(openFails(folderWith(dir, noise)), "model.onnx is not a valid ONNX model");
    }

    @Test
    void aGraphWithoutSoftmaxHasNoAttention(@TempDir Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.noAttention(), EditedGraphTest.minilmTokenizer());
        String message = openFails(folder);
        assertContains(message, "Attention could not be found in model.onnx");
        assertContains(message, "has no Softmax");
    }

    @Test
    void aSoftmaxAfterAWeightIsNotAttention(@TempDir Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.softmaxAfterProjection(), EditedGraphTest.minilmTokenizer());
        assertContains(openFails(folder), "it has 1 Softmax node, none fed by a query x key product");
    }

    @Test
    void fusedAttentionIsNamedAsTheReason(@TempDir Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.fusedAttention(), EditedGraphTest.minilmTokenizer());
        String message = openFails(folder);
        assertContains(message, "Attention could not be found");
        assertContains(message, "fused into one com.microsoft Attention operator");
    }

    @Test
    void aTokenizerLargerThanTheWordTableIsRefused(@TempDir Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.attention(100), EditedGraphTest.minilmTokenizer());
        String message = openFails(folder);
        assertContains(message, "has 30522 ids but model.onnx has only 100 word embeddings");
    }

    @Test
    void aBrokenTokenizerIsReportedWhenOpening(@TempDir Path dir) throws Exception {
        Path folder = TinyGraphs.folder(dir, TinyGraphs.attention(100), EditedGraphTest.minilmTokenizer());
        Files.writeString(folder.resolve("tokenizer.json"), "{ this is not json");
        assertContains(openFails(folder), "tokenizer.json");
    }

    private static Path folderWith(Path dir, byte[] onnx) throws IOException, HeadlightException {
        Files.write(dir.resolve("model.onnx"), onnx);
        Files.copy(EditedGraphTest.minilmTokenizer(), dir.resolve("tokenizer.json"));
        return dir;
    }

    private static String resolveFails(String idOrPath) {
        return oneLine(assertThrows(HeadlightException.class, () -> ModelSource.resolve(idOrPath)));
    }

    private static String openFails(Path folder) throws HeadlightException {
        ModelSource source = ModelSource.resolve(folder.toString());
        return oneLine(assertThrows(HeadlightException.class, () -> AttentionModel.open(source).close()));
    }

    private static String oneLine(HeadlightException e) {
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }
}
