package io.headlight.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The explorer window; the scaffold the UI work grows from. */
public final class HeadlightApp extends Application {
    public static void main(String[] args) {
        launch(HeadlightApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Headlight");
        stage.setScene(new Scene(new BorderPane(), 1100, 760));
        stage.show();
    }
}
