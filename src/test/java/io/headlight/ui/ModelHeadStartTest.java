package io.headlight.ui;

import io.headlight.model.AttentionModel;
import io.headlight.model.BundledModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first model opened while the window starts, and the view-model's first load taking it. */
class ModelHeadStartTest {
    private final HeldBackground background = new HeldBackground();
    private final ExplorerViewModel viewModel = new ExplorerViewModel(background);

    @AfterEach
    void close() {
        viewModel.close();
        background.releaseAll();
    }

    @Test
    void theFirstLoadOfTheSameModelTakesTheModelOpenedAhead() throws Exception {
        ModelHeadStart start = ModelHeadStart.begin(BundledModels.DEFAULT_ID);
        viewModel.useHeadStart(start);

        viewModel.loadModel(BundledModels.DEFAULT_ID);
        background.releaseAll();
        AttentionModel ahead = start.opening().join();
        assertEquals(BundledModels.DEFAULT_ID, viewModel.modelProperty().get().id());
        assertEquals(6, ahead.explain("Opened ahead.", null).layers());

        // Only a model the view-model holds is closed when it loads another.
        viewModel.loadModel("bge-small-zh-v1.5");
        background.releaseAll();
        assertThrows(IllegalStateException.class, () -> ahead.explain("Closed now.", null));
        assertNull(start.take(BundledModels.DEFAULT_ID), "a head start is taken once");
    }

    @Test
    void aHeadStartOfAnotherModelIsClosedAndTheAskedForOneOpened() throws Exception {
        ModelHeadStart start = ModelHeadStart.begin("bge-small-zh-v1.5");
        viewModel.useHeadStart(start);

        viewModel.loadModel(BundledModels.DEFAULT_ID);
        background.releaseAll();

        assertEquals(BundledModels.DEFAULT_ID, viewModel.modelProperty().get().id());
        AttentionModel unwanted = start.opening().join();
        assertTrue(awaitClosed(unwanted), "the unwanted model is closed once open");
    }

    @Test
    void aHeadStartThatFailsFailsTheLoadWithItsOwnMessage(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5});
        Files.copy(BundledModels.modelsDir().resolve("all-MiniLM-L6-v2/all-minilm-l6-v2-tokenizer.json"),
                dir.resolve("tokenizer.json"));
        ModelHeadStart start = ModelHeadStart.begin(dir.toString());
        viewModel.useHeadStart(start);

        viewModel.loadModel(dir.toString());
        background.releaseAll();

        CompletionException opened = assertThrows(CompletionException.class, () -> start.opening().join());
        Problem problem = viewModel.problemProperty().get();
        assertNotNull(problem);
        assertEquals(Problem.of("Could not open model", opened.getCause()).message(), problem.message());
        assertNull(viewModel.modelProperty().get());
    }

    /** The close runs on the opening thread right after the open completes; this waits for it (60 s at most). */
    private static boolean awaitClosed(AttentionModel model) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                model.explain("Still open?", null);
            } catch (IllegalStateException closed) {
                return true;
            } catch (io.headlight.model.HeadlightException e) {
                throw new AssertionError(e);
            }
            Thread.sleep(100);
        }
        return false;
    }
}
