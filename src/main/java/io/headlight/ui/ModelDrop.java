package io.headlight.ui;

import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

import java.io.File;
import java.util.List;

/** Dropping a model folder or a .onnx file anywhere on the window opens it. */
final class ModelDrop {
    private ModelDrop() {
    }

    static void install(Scene scene, ModelPicker picker) {
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (modelIn(e) != null) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                e.consume();
            }
        });
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            File model = modelIn(e);
            if (model != null) {
                picker.open(model.toPath());
            }
            e.setDropCompleted(model != null);
            e.consume();
        });
    }

    private static File modelIn(DragEvent e) {
        if (!e.getDragboard().hasFiles()) {
            return null;
        }
        List<File> files = e.getDragboard().getFiles();
        if (files.size() != 1) {
            return null;
        }
        File f = files.get(0);
        return f.isDirectory() || f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx") ? f : null;
    }
}
