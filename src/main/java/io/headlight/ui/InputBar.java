package io.headlight.ui;

import io.headlight.ui.canvas.FxFonts;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/** The two sentence fields: Enter runs at once, typing runs after a short pause. */
final class InputBar {
    static final Duration TYPING_PAUSE = Duration.millis(300);

    private final ExplorerViewModel viewModel;
    private final ModelPicker picker;
    private final TextField sentenceA = new TextField();
    private final TextField sentenceB = new TextField();
    private final PauseTransition typingPause = new PauseTransition(TYPING_PAUSE);
    private HBox root;

    InputBar(ExplorerViewModel viewModel, ModelPicker picker) {
        this.viewModel = viewModel;
        this.picker = picker;
        createView();
        initListeners();
    }

    private void createView() {
        sentenceA.setId("sentenceA");
        sentenceA.setPromptText("Sentence A — type and press Enter");
        sentenceB.setId("sentenceB");
        sentenceB.setPromptText("Sentence B (optional, for a pair)");
        HBox.setHgrow(sentenceA, Priority.ALWAYS);
        HBox.setHgrow(sentenceB, Priority.SOMETIMES);
        sentenceA.setPrefColumnCount(40);
        sentenceB.setPrefColumnCount(24);
        Label model = new Label("Model");
        root = new HBox(8, model, picker.node(), new Label("A"), sentenceA, new Label("B"), sentenceB);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(6, 8, 4, 8));
        root.getStyleClass().add("input-bar");
    }

    private void initListeners() {
        sentenceA.textProperty().bindBidirectional(viewModel.textAProperty());
        sentenceB.textProperty().bindBidirectional(viewModel.textBProperty());
        typingPause.setOnFinished(e -> viewModel.run());
        sentenceA.textProperty().addListener((obs, old, now) -> typingPause.playFromStart());
        sentenceB.textProperty().addListener((obs, old, now) -> typingPause.playFromStart());
        sentenceA.setOnAction(e -> runNow());
        sentenceB.setOnAction(e -> runNow());
        FxFonts.follow(sentenceA, sentenceA.textProperty());
        FxFonts.follow(sentenceB, sentenceB.textProperty());
    }

    private void runNow() {
        typingPause.stop();
        viewModel.run();
    }

    HBox node() {
        return root;
    }

    TextField sentenceA() {
        return sentenceA;
    }
}
