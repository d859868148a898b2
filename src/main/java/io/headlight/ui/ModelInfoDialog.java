package io.headlight.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/**
 * What Headlight understood of the open model, the text {@code headlight inspect} prints: each layer's attention
 * form and scale, heads and sizes, inputs, element type, quantization, and whether q/k and norms are available,
 * so a user with a strange export sees it without a terminal. Selectable, to paste into a bug report.
 */
final class ModelInfoDialog {
    private ModelInfoDialog() {
    }

    static void show(Window owner, String description) {
        TextArea text = new TextArea(description);
        text.setId("modelInfoText");
        text.setEditable(false);
        text.setWrapText(false);
        text.setStyle("-fx-font-family: monospace;");
        text.setPrefColumnCount(72);
        text.setPrefRowCount(Math.min(24, (int) description.lines().count() + 3));
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        DialogTheme.follow(alert, owner);
        alert.setTitle("Headlight");
        alert.setHeaderText("Model info");
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("modelInfoDialog");
        alert.setResizable(true);
        alert.show();
    }
}
