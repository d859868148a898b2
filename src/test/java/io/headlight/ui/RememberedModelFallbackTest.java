package io.headlight.ui;

import io.headlight.model.BundledModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A remembered model that is gone or broken gives the default model and one line why, not an empty window. */
class RememberedModelFallbackTest {
    private final HeldBackground background = new HeldBackground();
    private final ExplorerViewModel viewModel = new ExplorerViewModel(background);

    @AfterEach
    void close() {
        viewModel.close();
        background.releaseAll();
    }

    @Test
    void aDeletedModelFolderFallsBackToTheDefaultAndTheStatusBarSaysWhyOnce(@TempDir Path dir) {
        String gone = dir.resolve("my-model-deleted-since").toString();
        viewModel.textAProperty().set("The remembered sentence.");

        viewModel.loadRememberedModel(gone, BundledModels.DEFAULT_ID);
        background.releaseAll();

        assertEquals(BundledModels.DEFAULT_ID, viewModel.modelKeyProperty().get());
        assertNull(viewModel.problemProperty().get(), "no dialog");
        String status = viewModel.statusProperty().get();
        assertTrue(status.contains("the last model, " + gone + ", could not be opened"), status);
        assertTrue(status.contains("opened " + BundledModels.DEFAULT_ID + " instead"), status);
        assertEquals("The remembered sentence.", viewModel.explainedProperty().get().textA());

        viewModel.textAProperty().set("The next sentence.");
        viewModel.run();
        background.releaseAll();
        assertFalse(viewModel.statusProperty().get().contains("could not be opened"), "said once");
    }

    @Test
    void aBrokenModelFolderFallsBackToo(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        viewModel.textAProperty().set("Still a sentence.");

        viewModel.loadRememberedModel(dir.toString(), BundledModels.DEFAULT_ID);
        background.releaseAll();

        assertEquals(BundledModels.DEFAULT_ID, viewModel.modelKeyProperty().get());
        assertNull(viewModel.problemProperty().get());
        assertTrue(viewModel.statusProperty().get().contains("could not be opened"), viewModel.statusProperty().get());
    }

    @Test
    void aModelThatFailsWhileAnotherIsLoadedIsStillADialog(@TempDir Path dir) {
        viewModel.loadRememberedModel(BundledModels.DEFAULT_ID, BundledModels.DEFAULT_ID);
        background.releaseAll();

        viewModel.loadModel(dir.resolve("nothing-here").toString());
        background.releaseAll();

        assertEquals(BundledModels.DEFAULT_ID, viewModel.modelKeyProperty().get());
        assertTrue(viewModel.problemProperty().get() != null, "a model the user picked now is reported");
    }
}
