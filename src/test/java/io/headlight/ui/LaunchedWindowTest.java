package io.headlight.ui;

import io.headlight.render.DescribedFigure;
import io.headlight.ui.canvas.FigurePane;
import io.headlight.ui.work.FxBackground;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.io.IOException;
import java.nio.file.Path;

import static io.headlight.ui.ExplorerWindowTest.awaitFx;
import static io.headlight.ui.ExplorerWindowTest.closeWindow;
import static io.headlight.ui.ExplorerWindowTest.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window launched with arguments opens on what they name, over what an earlier launch remembered. */
@ExtendWith(ApplicationExtension.class)
class LaunchedWindowTest {
    private final Path prefs = ExplorerWindowTest.tempSettingsFile();
    private FxBackground background;
    private ExplorerViewModel viewModel;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
        RememberedSettings settings = new RememberedSettings(prefs);
        settings.rememberSize(1000, 700);
        settings.rememberModel("all-MiniLM-L6-v2");
        settings.rememberView("Model view");
        background = new FxBackground();
        viewModel = new ExplorerViewModel(background);
        new ExplorerWindow(stage, viewModel, settings).show(LaunchRequest.parse(List.of("--model",
                "bge-small-zh-v1.5", "--text", "我 喜欢 北京", "--text-b", "猫", "--layer", "2", "--head", "5",
                "--view", "heatmap")));
    }

    @AfterEach
    void tearDown() throws IOException {
        closeWindow(stage, viewModel, background, prefs);
    }

    @Test
    void opensOnTheGivenModelTextsHeadAndView(FxRobot robot) {
        awaitFx(() -> viewModel.explainedProperty().get() != null
                && viewModel.selection().layer() == 2 && viewModel.selection().head() == 5);
        assertEquals("bge-small-zh-v1.5", onFx(() -> viewModel.explainedProperty().get().result().modelId()));
        assertEquals("我 喜欢 北京", onFx(() -> viewModel.explainedProperty().get().textA()));
        assertEquals("猫", onFx(() -> viewModel.explainedProperty().get().textB()));
        assertEquals("Heatmap", onFx(() -> robot.lookup("#views").queryAs(TabPane.class).getSelectionModel()
                .getSelectedItem().getText()));
        FigurePane heatmap = robot.lookup("#heatmapFigure").queryAs(FigurePane.class);
        awaitFx(() -> heatmap.painter() instanceof DescribedFigure d && d.title().contains("layer 2 · head 5"));
        assertEquals("[CLS] 我 喜 欢 北 京 [SEP] 猫 [SEP]",
                onFx(() -> String.join(" ", ((DescribedFigure) heatmap.painter()).labels())));
    }

    @Test
    void theNeuronViewsQueryBoxDrawsAChineseTokenInTheSentenceFieldsFamily(FxRobot robot) {
        awaitFx(() -> viewModel.explainedProperty().get() != null);
        robot.clickOn("#tab-neuron-view");
        ComboBox<?> query = robot.lookup("#queryToken").queryAs(ComboBox.class);
        awaitFx(() -> query.getButtonCell() != null && "1: 我".equals(query.getButtonCell().getText()));

        String field = onFx(() -> robot.lookup("#sentenceA").queryAs(TextField.class).getFont().getFamily());
        String cell = onFx(() -> query.getButtonCell().getFont().getFamily());
        assertEquals(field, cell, "the sentence field shows 我 in " + field + ", so the query box must too");
    }
}
