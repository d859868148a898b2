package io.headlight.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process's ONNX Runtime: every session runs on the environment's one thread pool, so two open models do
 * not start two pools whose threads compete for the cores, and ORT loads the libraries the build put beside the
 * code instead of unpacking its own under /tmp (see {@link OrtRuntime}).
 */
class OrtRuntimeTest {

    @Test
    void theProcessHasOneEnvironmentWithASharedPool() {
        assertSame(OrtRuntime.environment(), OrtRuntime.environment());
        assertTrue(OrtRuntime.sharedThreads(), "something created the ONNX Runtime environment before Headlight did,"
                + " so sessions fell back to a pool each");
    }

    @Test
    void onnxRuntimeLoadsTheLibrariesBesideTheCode() {
        OrtRuntime.environment();
        Path natives = CodeLocation.folder().resolve("native");
        assertEquals(natives.toString(), System.getProperty("onnxruntime.native.path"));
        assertTrue(Files.isRegularFile(natives.resolve(System.mapLibraryName("onnxruntime"))));
    }

    @Test
    void twoModelsRunAtOnceOnTheSharedPool() throws Exception {
        AttentionModel english = SharedModels.get("all-MiniLM-L6-v2");
        AttentionModel chinese = SharedModels.get("bge-small-zh-v1.5");
        CompletableFuture<AttentionResult> a = CompletableFuture.supplyAsync(() -> explain(english, "two at once"));
        AttentionResult b = explain(chinese, "两个模型同时运行");
        AttentionResult first = a.join();
        assertEquals(5, first.length());
        assertEquals(10, b.length());
        AttentionRowsTest.assertRowsSumToOne(first);
        AttentionRowsTest.assertRowsSumToOne(b);
    }

    private static AttentionResult explain(AttentionModel model, String text) {
        try {
            return model.explain(text, null);
        } catch (HeadlightException e) {
            throw new IllegalStateException(e);
        }
    }
}
