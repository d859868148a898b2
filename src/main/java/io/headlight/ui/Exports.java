package io.headlight.ui;

import io.headlight.ui.views.ExplorerView;
import javafx.stage.Window;

import java.util.function.Supplier;

/** Export commands: the current view as PNG or SVG, its matrix as CSV, the whole tensor as .npy. */
final class Exports {
    private final ExplorerViewModel viewModel;
    private final Appearance appearance;
    private final Supplier<ExplorerView> currentView;
    private final Supplier<Window> owner;

    Exports(ExplorerViewModel viewModel, Appearance appearance, Supplier<ExplorerView> currentView,
            Supplier<Window> owner) {
        this.viewModel = viewModel;
        this.appearance = appearance;
        this.currentView = currentView;
        this.owner = owner;
    }

    void png() {
    }

    void svg() {
    }

    void csv() {
    }

    void npy() {
    }
}
