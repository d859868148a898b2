package io.headlight.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Shows a {@link Problem} as a small dialog with its one-line message; the window stays usable after. */
final class ProblemDialog {
    private ProblemDialog() {
    }

    static void show(Window owner, Problem problem) {
        Alert alert = new Alert(Alert.AlertType.ERROR, problem.message(), ButtonType.OK);
        DialogTheme.follow(alert, owner);
        alert.setTitle("Headlight");
        alert.setHeaderText(problem.title());
        alert.getDialogPane().setId("problemDialog");
        alert.getDialogPane().setMinWidth(460);
        alert.show();
    }
}
