package io.headlight.ui;

import io.headlight.model.BundledModels;
import io.headlight.model.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view-model on one thread, with the real default model; the background is held and released by hand. */
class ExplorerViewModelTest {
    private final HeldBackground background = new HeldBackground();
    private ExplorerViewModel viewModel;

    @BeforeEach
    void loadDefaultModel() {
        viewModel = new ExplorerViewModel(background);
        viewModel.loadModel(BundledModels.DEFAULT_ID);
        background.releaseAll();
        assertNotNull(viewModel.modelProperty().get(), "default model loaded");
    }

    @AfterEach
    void close() {
        viewModel.close();
        background.releaseAll();
    }

    @Test
    void aResultThatArrivesAfterANewerOneIsDropped() {
        viewModel.textAProperty().set("first sentence");
        viewModel.run();
        viewModel.textAProperty().set("second sentence");
        viewModel.run();

        background.release(1);
        background.release(0);

        assertEquals("second sentence", viewModel.explainedProperty().get().textA());
        assertEquals(List.of("[CLS]", "second", "sentence", "[SEP]"),
                viewModel.explainedProperty().get().result().tokens().stream().map(Token::text).toList());
        assertFalse(viewModel.runningProperty().get());
    }

    @Test
    void aModelThatFailsToLoadLeavesThePreviousOneInUse(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5});
        Files.copy(BundledModels.modelsDir().resolve("all-MiniLM-L6-v2/all-minilm-l6-v2-tokenizer.json"),
                dir.resolve("tokenizer.json"));

        viewModel.loadModel(dir.toString());
        background.releaseAll();

        Problem problem = viewModel.problemProperty().get();
        assertNotNull(problem);
        assertFalse(problem.message().contains("\n"));
        assertEquals(BundledModels.DEFAULT_ID, viewModel.modelKeyProperty().get());
        viewModel.textAProperty().set("still works");
        viewModel.run();
        background.releaseAll();
        assertEquals("still works", viewModel.explainedProperty().get().textA());
    }

    @Test
    void blankTextRunsNothingAndSaysWhatToDo() {
        viewModel.textAProperty().set("   ");
        viewModel.run();

        assertEquals(0, background.pending());
        assertTrue(viewModel.statusProperty().get().contains("Type a sentence"));
    }

    @Test
    void whileTheFirstModelLoadsTheStatusSaysOnlyThat() {
        try (ExplorerViewModel starting = new ExplorerViewModel(background)) {
            starting.loadModel(BundledModels.DEFAULT_ID);
            assertEquals("Loading " + BundledModels.DEFAULT_ID + " …", starting.statusProperty().get());
            background.releaseAll();
            assertFalse(starting.statusProperty().get().contains("Loading"), starting.statusProperty().get());
        }
        background.releaseAll();
    }

    @Test
    void statusNamesTheTruncation() {
        viewModel.textAProperty().set("word ".repeat(700));
        viewModel.run();
        background.releaseAll();

        assertTrue(viewModel.statusProperty().get().contains("input cut to 512 tokens"),
                viewModel.statusProperty().get());
    }

    @Test
    void theComparisonSentenceIsExplainedByTheSameModelWhenTheMainResultArrives() {
        viewModel.compareTextProperty().set("The dog sat on the rug.");
        viewModel.textAProperty().set("The cat sat on the mat.");
        viewModel.run();
        background.releaseAll();

        Explained compared = viewModel.comparedProperty().get();
        assertNotNull(compared, "the comparison runs after the main result");
        assertEquals(List.of("[CLS]", "the", "dog", "sat", "on", "the", "rug", ".", "[SEP]"),
                compared.result().tokens().stream().map(Token::text).toList());
        assertEquals(viewModel.explainedProperty().get().result().modelId(), compared.result().modelId());
    }

    @Test
    void clearingTheComparisonSentenceClearsItsResult() {
        viewModel.compareTextProperty().set("The dog sat on the rug.");
        viewModel.textAProperty().set("The cat sat on the mat.");
        viewModel.run();
        background.releaseAll();
        viewModel.compareTextProperty().set("  ");
        viewModel.runComparison();
        background.releaseAll();
        assertNull(viewModel.comparedProperty().get());
    }
}
