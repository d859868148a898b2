package io.headlight.ui.views;

import io.headlight.render.FigureExport;

import javafx.scene.Node;

/** One tab of the explorer: a figure drawn from the shared selection and the cached result. */
public interface ExplorerView {
    /** Short stable name, used for the tab and remembered between launches. */
    String name();

    Node node();

    /** Called when its tab is selected: hidden views skip redraws, so catch up now. */
    void onShown();

    /** Puts the keyboard focus in the view's "go to token" field, where it has one (Ctrl+G). */
    default void focusGoTo() {
    }

    /** The current figure for export, or null while there is nothing to export. */
    FigureExport export();
}
