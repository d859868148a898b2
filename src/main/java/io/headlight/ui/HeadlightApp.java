package io.headlight.ui;

import io.headlight.ui.work.FxBackground;
import javafx.application.Application;
import javafx.stage.Stage;

import java.util.List;

/** The explorer app: one window, its model loading and inference on a background worker. */
public final class HeadlightApp extends Application {
    /** Handed from {@link #main} to the instance JavaFX makes; {@code launch} starts the FX thread after the write. */
    private static ModelHeadStart headStart;
    private FxBackground background;
    private ExplorerViewModel viewModel;

    public static void main(String[] args) {
        headStart = ModelHeadStart.begin(ExplorerWindow.firstModel(LaunchRequest.parse(List.of(args)),
                RememberedSettings.forUser()));
        launch(HeadlightApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        background = new FxBackground();
        viewModel = new ExplorerViewModel(background);
        viewModel.useHeadStart(headStart);
        new ExplorerWindow(stage, viewModel, RememberedSettings.forUser())
                .show(LaunchRequest.parse(getParameters().getRaw()));
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.close();
        }
        if (background != null) {
            background.close();
        }
    }
}
