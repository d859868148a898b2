package io.headlight.ui;

import io.headlight.analysis.NormAttention;
import io.headlight.model.RuntimeProjectionVariant;
import io.headlight.ui.work.FxBackground;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Path;

import static io.headlight.ui.ExplorerWindowTest.awaitFx;
import static io.headlight.ui.ExplorerWindowTest.closeWindow;
import static io.headlight.ui.ExplorerWindowTest.onFx;
import static io.headlight.ui.MeasureSwitchTest.heatmapTitle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For a model that hides what norms need (here MiniLM with output projection weights computed at run time), the
 * Measure switch is disabled, says why, and the views show the weights; the user's choice of norms is kept for
 * the next model that has them.
 */
@ExtendWith(ApplicationExtension.class)
class UnavailableNormsSwitchTest {
    private final Path prefs = ExplorerWindowTest.tempSettingsFile();
    private FxBackground background;
    private ExplorerViewModel viewModel;
    private RememberedSettings settings;
    private Stage stage;
    @TempDir
    Path dir;

    @Start
    void start(Stage primary) {
        stage = primary;
        settings = new RememberedSettings(prefs);
        settings.rememberSize(1000, 700);
        settings.rememberNorms(true);
        background = new FxBackground();
        viewModel = new ExplorerViewModel(background);
        new ExplorerWindow(stage, viewModel, settings).show();
    }

    @AfterEach
    void tearDown() throws IOException {
        closeWindow(stage, viewModel, background, prefs);
    }

    @Test
    void theSwitchIsDisabledWithItsReasonAndTheChoiceOfNormsOutlivesTheModel(FxRobot robot) throws IOException {
        awaitFx(() -> viewModel.explainedProperty().get() != null
                && NormAttention.available(viewModel.explainedProperty().get().result()));
        ChoiceBox<?> measure = robot.lookup("#measure").queryAs(ChoiceBox.class);
        assertEquals(ScrubBar.NORMS, onFx(measure::getValue), "the remembered measure is norms");

        String variant = RuntimeProjectionVariant.folder(dir, "all-MiniLM-L6-v2").toString();
        robot.interact(() -> viewModel.loadModel(variant));
        awaitFx(() -> variant.equals(viewModel.modelKeyProperty().get()) && !viewModel.loadingProperty().get()
                && !viewModel.runningProperty().get());
        String why = onFx(() -> viewModel.whyNoNormsProperty().get());
        assertTrue(why.contains("output projection"), "the reason names what is hidden: " + why);
        assertTrue(onFx(measure::isDisabled), "the switch is disabled");
        assertEquals(ScrubBar.WEIGHTS, onFx(measure::getValue));
        Label label = (Label) onFx(measure::getParent);
        assertTrue(onFx(() -> label.getTooltip().getText()).contains(why), "the tooltip says why");
        awaitFx(() -> !heatmapTitle(robot).isEmpty());
        String title = onFx(() -> heatmapTitle(robot));
        assertFalse(title.contains("norms"), "the heatmap shows the weights: " + title);
        assertTrue(settings.norms(), "falling back to the weights is not remembered as the user's choice");

        robot.interact(() -> viewModel.loadModel("all-MiniLM-L6-v2"));
        awaitFx(() -> "all-MiniLM-L6-v2".equals(viewModel.modelKeyProperty().get()) && !measure.isDisabled());
        assertEquals(ScrubBar.NORMS, onFx(measure::getValue), "the next model with norms shows them again");
        assertTrue(onFx(() -> viewModel.selection().normsProperty().get()));
        awaitFx(() -> !viewModel.runningProperty().get() && viewModel.explainedProperty().get() != null
                && NormAttention.available(viewModel.explainedProperty().get().result()));
    }
}
