package io.headlight.ui;

import io.headlight.analysis.NormAttention;
import io.headlight.render.AttentionNpy;
import io.headlight.render.AttentionNpz;
import io.headlight.render.FigureExport;
import io.headlight.render.MatrixCsv;
import io.headlight.render.ShownMatrix;
import io.headlight.ui.views.ExplorerView;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Export commands: the current view as PNG (1x, 2x or 4x) or SVG, its matrix as CSV, the whole tensor as .npz
 * (with its tokens, inputs and texts) or bare .npy, and one figure per head into a folder.
 * Files are written off the FX thread and through a temporary file, so a failed export leaves any file the
 * user chose to replace as it was.
 */
final class Exports {
    private final ExplorerViewModel viewModel;
    private final Appearance appearance;
    private final Supplier<ExplorerView> currentView;
    private final Supplier<Window> owner;
    private File lastFolder;

    Exports(ExplorerViewModel viewModel, Appearance appearance, Supplier<ExplorerView> currentView,
            Supplier<Window> owner) {
        this.viewModel = viewModel;
        this.appearance = appearance;
        this.currentView = currentView;
        this.owner = owner;
    }

    void png() {
        FigureExport figure = figure();
        if (figure == null) {
            return;
        }
        ChoiceDialog<String> scales = new ChoiceDialog<>("2x", List.of("1x", "2x", "4x"));
        DialogTheme.follow(scales, owner.get());
        scales.setTitle("Export PNG");
        scales.setHeaderText("Scale of the PNG (2x and 4x for print)");
        Optional<String> scale = scales.showAndWait();
        if (scale.isEmpty()) {
            return;
        }
        int factor = Integer.parseInt(scale.get().replace("x", ""));
        chooseTarget(figure.baseName() + (factor == 1 ? "" : "@" + factor + "x") + ".png", "PNG image", "*.png")
                .ifPresent(file -> viewModel.export(file, temp -> figure.writePng(temp, factor)));
    }

    void svg() {
        FigureExport figure = figure();
        if (figure != null) {
            chooseTarget(figure.baseName() + ".svg", "SVG image", "*.svg")
                    .ifPresent(file -> viewModel.export(file, figure::writeSvg));
        }
    }

    void csv() {
        FigureExport figure = figure();
        if (figure == null) {
            return;
        }
        ShownMatrix matrix = figure.matrix();
        // The views show norms only where the measure asks for them and the result carries them.
        Explained shown = viewModel.explainedProperty().get();
        boolean norms = viewModel.selection().normsProperty().get() && shown != null
                && NormAttention.available(shown.result());
        chooseTarget(figure.baseName() + ".csv", "CSV table", "*.csv")
                .ifPresent(file -> viewModel.export(file, temp -> MatrixCsv.write(matrix, norms, temp)));
    }

    void npz() {
        Explained explained = explained();
        if (explained == null) {
            return;
        }
        Selection sel = viewModel.selection();
        // Under the norms measure the arrays behind it go along: norms and layer_norms beside the weights.
        boolean norms = sel.normsProperty().get() && NormAttention.available(explained.result());
        AttentionNpz npz = new AttentionNpz(explained.result(), viewModel.modelInputNames(), explained.textA(),
                explained.textB(), sel.layer(), sel.head(), norms);
        chooseTarget("attention-" + explained.result().modelId() + ".npz", "NumPy arrays with labels", "*.npz")
                .ifPresent(file -> viewModel.export(file, npz::write));
    }

    void allHeads() {
        Explained explained = explained();
        if (explained != null) {
            new AllHeadsDialog(viewModel, owner.get()).show(explained, appearance.colorMap(), currentView.get().name());
        }
    }

    private Explained explained() {
        Explained explained = viewModel.explainedProperty().get();
        if (explained == null) {
            viewModel.report(Problem.of("Nothing to export", "Type a sentence and press Enter first."));
        }
        return explained;
    }

    void npy() {
        Explained explained = explained();
        if (explained == null) {
            return;
        }
        chooseTarget("attention-" + explained.result().modelId() + ".npy", "NumPy array", "*.npy")
                .ifPresent(file -> viewModel.export(file, temp -> AttentionNpy.write(explained.result(), temp)));
    }

    private FigureExport figure() {
        FigureExport figure = currentView.get().export();
        if (figure == null) {
            viewModel.report(Problem.of("Nothing to export", "Type a sentence and press Enter first."));
        }
        return figure;
    }

    private Optional<Path> chooseTarget(String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + kind);
        chooser.setInitialFileName(name.replaceAll("[^\\w.@\\-]+", "_"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        File file = chooser.showSaveDialog(owner.get());
        if (file == null) {
            return Optional.empty();
        }
        lastFolder = file.getParentFile();
        // The platform's save dialog has already asked before choosing an existing file (GTK, Windows and macOS
        // all do), so asking again here would ask twice.
        return Optional.of(file.toPath());
    }
}
