package io.headlight.ui;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/** The menu bar: opening models, exports with their shortcuts, the measure, the theme. */
final class ExplorerMenu {
    private final MenuBar bar = new MenuBar();

    ExplorerMenu(ModelPicker picker, Appearance appearance, Exports exports, Selection selection,
                 javafx.beans.value.ObservableStringValue whyNoNorms, Runnable modelInfo, Runnable quit) {
        MenuItem openFile = new MenuItem("Open model file (.onnx)…");
        openFile.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        openFile.setOnAction(e -> picker.chooseFile());
        MenuItem openFolder = new MenuItem("Open model folder…");
        openFolder.setOnAction(e -> picker.chooseFolder());
        MenuItem info = new MenuItem("Model info…");
        info.setId("modelInfo");
        info.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        info.setOnAction(e -> modelInfo.run());
        MenuItem exit = new MenuItem("Quit");
        exit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        exit.setOnAction(e -> quit.run());
        Menu file = new Menu("File", null, openFile, openFolder, info, new SeparatorMenuItem(), exit);

        MenuItem png = new MenuItem("Current view as PNG…");
        png.setId("exportPng");
        png.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        png.setOnAction(e -> exports.png());
        MenuItem svg = new MenuItem("Current view as SVG…");
        svg.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+E"));
        svg.setOnAction(e -> exports.svg());
        MenuItem csv = new MenuItem("Current matrix as CSV…");
        csv.setOnAction(e -> exports.csv());
        MenuItem npz = new MenuItem("Whole attention tensor with labels as .npz…");
        npz.setId("exportNpz");
        npz.setOnAction(e -> exports.npz());
        MenuItem npy = new MenuItem("Whole attention tensor as .npy…");
        npy.setOnAction(e -> exports.npy());
        MenuItem allHeads = new MenuItem("Export all heads…");
        allHeads.setId("exportAllHeads");
        allHeads.setOnAction(e -> exports.allHeads());
        Menu export = new Menu("Export", null, png, svg, allHeads, new SeparatorMenuItem(), csv, npz, npy);

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("darkTheme");
        dark.selectedProperty().bindBidirectional(appearance.darkProperty());
        CheckMenuItem norms = new CheckMenuItem("Measure: norms ‖α f(x)‖ instead of weights α");
        norms.setId("normsMeasure");
        norms.setAccelerator(KeyCombination.keyCombination("Shortcut+M"));
        norms.selectedProperty().bindBidirectional(selection.normsProperty());
        norms.disableProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(whyNoNorms));
        Menu view = new Menu("View", null, norms, new SeparatorMenuItem(), dark);

        bar.getMenus().addAll(file, export, view);
    }

    MenuBar node() {
        return bar;
    }
}
