package io.headlight.ui;

import io.headlight.ui.canvas.FigurePane;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;

/**
 * Scrubbing keys that work anywhere in the window: Alt+Up/Down for the previous/next layer, Alt+Left/Right
 * for the previous/next head. A scene filter sees them before a focused text field can use them. Plain arrows
 * do the same while a figure has the focus.
 */
final class KeyBindings {
    private KeyBindings() {
    }

    static void install(Scene scene, Selection selection) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean alt = e.isAltDown() && !e.isControlDown() && !e.isShiftDown();
            boolean plainOnFigure = !e.isAltDown() && !e.isControlDown() && !e.isShiftDown() && !e.isMetaDown()
                    && figureHasFocus(scene);
            if (!alt && !plainOnFigure) {
                return;
            }
            switch (e.getCode()) {
                case UP -> selection.previousLayer();
                case DOWN -> selection.nextLayer();
                case LEFT -> selection.previousHead();
                case RIGHT -> selection.nextHead();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private static boolean figureHasFocus(Scene scene) {
        for (Node n = scene.getFocusOwner(); n != null; n = n.getParent()) {
            if (n instanceof FigurePane) {
                return true;
            }
        }
        return false;
    }
}
