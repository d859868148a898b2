package io.headlight.ui;

import io.headlight.render.AllHeadsExport;
import io.headlight.render.ColorMap;
import io.headlight.render.FigureKind;
import io.headlight.render.FigureOptions;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * "Export all heads…": asks for the view and format, then a folder, asks before replacing files already there,
 * and writes one figure per layer x head on a thread of its own while a dialog shows progress and can cancel.
 * The result it draws is immutable, so this needs no lane of the model's worker.
 */
final class AllHeadsDialog {
    private static final List<String> VIEWS = List.of("Heatmap", "Head view", "Neuron view");
    private static final List<String> FORMATS = List.of("PNG 1x", "PNG 2x", "PNG 4x", "SVG");

    private final ExplorerViewModel viewModel;
    private final Window owner;

    AllHeadsDialog(ExplorerViewModel viewModel, Window owner) {
        this.viewModel = viewModel;
        this.owner = owner;
    }

    /** The user's choice of figure, or empty when the dialog was closed. */
    private record Choice(FigureKind view, boolean svg, int scale) {
    }

    void show(Explained explained, ColorMap map, String currentView) {
        Optional<Choice> choice = choose(currentView, explained.result().hasQueryKey());
        if (choice.isEmpty()) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for one figure per head");
        File folder = chooser.showDialog(owner);
        if (folder == null) {
            return;
        }
        Selection sel = viewModel.selection();
        FigureOptions options = new FigureOptions(false, sel.hideSpecialProperty().get(),
                sel.wordLevelProperty().get(), sel.pairFilterProperty().get());
        AllHeadsExport export = new AllHeadsExport(explained.result(), choice.get().view(),
                sel.queryTokenProperty().get(), map, explained.textA(), explained.textB(), options, choice.get().svg(),
                choice.get().scale());
        Path target = folder.toPath();
        if (replaceAllowed(export.files(target), target)) {
            run(export, target);
        }
    }

    private Optional<Choice> choose(String currentView, boolean hasQueryKey) {
        List<String> views = hasQueryKey ? VIEWS : VIEWS.subList(0, 2);
        ChoiceBox<String> view = new ChoiceBox<>();
        view.getItems().setAll(views);
        view.setValue(views.contains(currentView) ? currentView : views.get(0));
        ChoiceBox<String> format = new ChoiceBox<>();
        format.getItems().setAll(FORMATS);
        format.setValue("PNG 2x");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("View"), view);
        form.addRow(1, new Label("Format"), format);
        Dialog<ButtonType> dialog = new Dialog<>();
        DialogTheme.follow(dialog, owner);
        dialog.setTitle("Export all heads");
        dialog.setHeaderText("One figure per layer x head, as the current toggles show them");
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        if (dialog.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return Optional.empty();
        }
        FigureKind kind = switch (view.getValue()) {
            case "Head view" -> FigureKind.LINES;
            case "Neuron view" -> FigureKind.NEURON;
            default -> FigureKind.HEATMAP;
        };
        boolean svg = format.getValue().equals("SVG");
        return Optional.of(new Choice(kind, svg, svg ? 1 : Integer.parseInt(format.getValue().replaceAll("\\D", ""))));
    }

    private boolean replaceAllowed(List<Path> files, Path folder) {
        long there = files.stream().filter(Files::exists).count();
        if (there == 0) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.YES, ButtonType.NO);
        DialogTheme.follow(ask, owner);
        ask.setTitle("Replace files?");
        ask.setHeaderText(there + " of the " + files.size() + " files already exist in " + folder.getFileName()
                + ". Replace them?");
        return ask.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
    }

    private void run(AllHeadsExport export, Path folder) {
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() throws Exception {
                Files.createDirectories(folder);
                return export.write(folder, this::isCancelled, (done, total) -> {
                    updateProgress(done, total);
                    updateMessage(done + " of " + total + " figures");
                });
            }
        };
        Dialog<ButtonType> progress = progressDialog(task);
        task.setOnSucceeded(e -> {
            progress.close();
            viewModel.reportSaved("saved " + task.getValue() + " figures into " + folder.getFileName());
        });
        task.setOnCancelled(e -> {
            progress.close();
            viewModel.reportSaved("export of all heads cancelled after " + (int) Math.max(0, task.getWorkDone())
                    + " figures");
        });
        task.setOnFailed(e -> {
            progress.close();
            viewModel.report(Problem.of("Export failed", task.getException()));
        });
        Thread thread = new Thread(task, "headlight-export-all");
        thread.setDaemon(true);
        thread.start();
        progress.show();
    }

    private Dialog<ButtonType> progressDialog(Task<Integer> task) {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(320);
        bar.progressProperty().bind(task.progressProperty());
        Label message = new Label();
        message.textProperty().bind(task.messageProperty());
        VBox content = new VBox(8, bar, message);
        content.setPadding(new Insets(8));
        Dialog<ButtonType> dialog = new Dialog<>();
        DialogTheme.follow(dialog, owner);
        dialog.setTitle("Exporting all heads");
        dialog.setHeaderText(null);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL);
        dialog.setResultConverter(button -> {
            task.cancel();
            return button;
        });
        return dialog;
    }
}
