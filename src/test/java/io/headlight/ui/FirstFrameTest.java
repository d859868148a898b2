package io.headlight.ui;

import io.headlight.ui.work.FxBackground;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.headlight.ui.ExplorerWindowTest.awaitFx;
import static io.headlight.ui.ExplorerWindowTest.closeWindow;
import static io.headlight.ui.ExplorerWindowTest.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window's first frame lays out only the tab it opens on; the other views join the scene after its result. */
@ExtendWith(ApplicationExtension.class)
class FirstFrameTest {
    private final Path prefs = ExplorerWindowTest.tempSettingsFile();
    private FxBackground background;
    private ExplorerViewModel viewModel;
    private Stage stage;
    private TabPane tabs;
    /** The tabs whose view was in the scene when the first frame was laid out. */
    private List<String> inFirstFrame;

    @Start
    void start(Stage primary) {
        stage = primary;
        RememberedSettings settings = new RememberedSettings(prefs);
        settings.rememberSize(1000, 700);
        settings.rememberView("Model view");
        background = new FxBackground();
        viewModel = new ExplorerViewModel(background);
        ExplorerWindow window = new ExplorerWindow(stage, viewModel, settings);
        tabs = (TabPane) window.scene().lookup("#views");
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            window.scene().removePostLayoutPulseListener(once[0]);
            inFirstFrame = withViews();
        };
        window.scene().addPostLayoutPulseListener(once[0]);
        window.show();
    }

    @AfterEach
    void tearDown() throws IOException {
        closeWindow(stage, viewModel, background, prefs);
    }

    @Test
    void theFirstFrameHoldsOnlyTheViewOfTheTabItOpensOn(FxRobot robot) {
        awaitFx(() -> inFirstFrame != null);
        assertEquals(List.of("Model view"), onFx(() -> inFirstFrame));
    }

    @Test
    void everyOtherViewJoinsTheSceneAfterTheFirstResult(FxRobot robot) {
        awaitFx(() -> withViews().size() == tabs.getTabs().size());
        assertEquals(List.of("Heatmap", "Model view", "Head view", "Neuron view", "Head stats", "Compare"),
                onFx(this::withViews));
        assertEquals("Model view", onFx(() -> tabs.getSelectionModel().getSelectedItem().getText()));
    }

    private List<String> withViews() {
        return tabs.getTabs().stream().filter(t -> t.getContent() != null && t.getContent().getScene() != null)
                .map(Tab::getText).toList();
    }
}
