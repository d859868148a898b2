package io.headlight.ui;

import io.headlight.ui.work.FxBackground;
import javafx.application.Application;
import javafx.stage.Stage;

/** The explorer app: one window, its model loading and inference on a background worker. */
public final class HeadlightApp extends Application {
    private FxBackground background;
    private ExplorerViewModel viewModel;

    public static void main(String[] args) {
        launch(HeadlightApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        background = new FxBackground();
        viewModel = new ExplorerViewModel(background);
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
