package io.headlight.ui;

import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Dialogs live in scenes of their own; give them the owner's theme so a dark window gets dark dialogs. */
final class DialogTheme {
    private DialogTheme() {
    }

    static void follow(Dialog<?> dialog, Window owner) {
        dialog.initOwner(owner);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }
}
