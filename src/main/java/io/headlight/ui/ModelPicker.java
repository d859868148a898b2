package io.headlight.ui;

import io.headlight.model.BundledModel;
import io.headlight.model.BundledModels;
import io.headlight.model.ModelInput;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/** The model picker: bundled models present on this machine, models the user opened, and "Open model…". */
final class ModelPicker {
    private final ExplorerViewModel viewModel;
    private final Supplier<Window> owner;
    private final ComboBox<ModelChoice> combo = new ComboBox<>();
    private boolean following;

    ModelPicker(ExplorerViewModel viewModel, Supplier<Window> owner) {
        this.viewModel = viewModel;
        this.owner = owner;
        createView();
        initListeners();
    }

    private void createView() {
        combo.setId("modelPicker");
        for (BundledModel m : BundledModels.available()) {
            combo.getItems().add(new ModelChoice(m.id(), m.displayName() + "  (" + m.layers() + "×" + m.heads() + ")"));
        }
        combo.getItems().add(ModelChoice.OPEN);
        combo.setPrefWidth(260);
    }

    private void initListeners() {
        combo.setOnAction(e -> {
            ModelChoice chosen = combo.getValue();
            if (following || chosen == null) {
                return;
            }
            if (chosen.opensChooser()) {
                showCurrent(viewModel.modelKeyProperty().get());
                chooseFile();
            } else if (!Objects.equals(chosen.key(), viewModel.modelKeyProperty().get())) {
                viewModel.loadModel(chosen.key());
            }
        });
        viewModel.modelKeyProperty().addListener((obs, old, now) -> showCurrent(now));
        viewModel.modelProperty().addListener((obs, old, now) -> combo.setTooltip(now == null ? null
                : new Tooltip(now.displayName() + " · " + now.layers() + " layers × " + now.heads() + " heads"
                        + "\ninputs: " + ModelInput.describe(now.inputs()))));
        // A failed load leaves the key unchanged; put the picker back on the model still in use.
        viewModel.loadingProperty().addListener((obs, was, now) -> {
            if (!now) {
                showCurrent(viewModel.modelKeyProperty().get());
            }
        });
    }

    /** Opens a .onnx file (its folder must hold tokenizer.json). */
    void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open an ONNX model (tokenizer.json beside it)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX model", "*.onnx"));
        File file = chooser.showOpenDialog(owner.get());
        if (file != null) {
            open(file.toPath());
        }
    }

    /** Opens a folder holding one .onnx file and tokenizer.json. */
    void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a model folder (.onnx + tokenizer.json)");
        File dir = chooser.showDialog(owner.get());
        if (dir != null) {
            open(dir.toPath());
        }
    }

    void open(Path path) {
        viewModel.loadModel(path.toAbsolutePath().toString());
    }

    private void showCurrent(String key) {
        following = true;
        try {
            if (key == null) {
                combo.setValue(null);
                return;
            }
            ModelChoice match = combo.getItems().stream().filter(c -> key.equals(c.key())).findFirst().orElse(null);
            if (match == null) {
                match = new ModelChoice(key, Path.of(key).getFileName().toString());
                combo.getItems().add(combo.getItems().size() - 1, match);
            }
            combo.setValue(match);
        } finally {
            following = false;
        }
    }

    ComboBox<ModelChoice> node() {
        return combo;
    }
}
