package io.headlight.ui.views;

import javafx.scene.Node;

/** One tab of the explorer: a figure drawn from the shared selection and the cached result. */
public interface ExplorerView {
    /** Short stable name, used for the tab and remembered between launches. */
    String name();

    Node node();
}
