package io.headlight.ui.views;

import io.headlight.analysis.NormAttention;
import io.headlight.ui.Appearance;
import io.headlight.ui.Explained;
import io.headlight.ui.ExplorerViewModel;
import io.headlight.ui.MatrixCache;
import io.headlight.ui.Selection;
import io.headlight.render.ShownMatrix;
import javafx.beans.InvalidationListener;

/** What every view reads: the view-model's result, the shared selection and the appearance. */
public final class ViewContext {
    private final ExplorerViewModel viewModel;
    private final Appearance appearance;
    private final MatrixCache matrices;
    private java.util.function.Consumer<String> viewSwitcher = name -> { };

    public ViewContext(ExplorerViewModel viewModel, Appearance appearance) {
        this.viewModel = viewModel;
        this.appearance = appearance;
        this.matrices = new MatrixCache(viewModel.explainedProperty(), viewModel.comparedProperty());
    }

    public ExplorerViewModel viewModel() {
        return viewModel;
    }

    public Selection selection() {
        return viewModel.selection();
    }

    public Appearance appearance() {
        return appearance;
    }

    public Explained explained() {
        return viewModel.explainedProperty().get();
    }

    /** The matrix the current selection shows, or null before the first result. */
    public ShownMatrix shownMatrix() {
        return matrices.get(explained(), selection());
    }

    /** One head of the selected layer, with the selection's special-token and word choices. */
    public ShownMatrix headMatrix(int head) {
        Selection sel = selection();
        return matrices.get(explained(), sel.layer(), head, false, false, sel.hideSpecialProperty().get(),
                sel.wordLevelProperty().get(), sel.normsProperty().get());
    }

    /**
     * Whether the views draw norms {@code ‖α f(x)‖} now: the measure asks for them and the shown result carries
     * them. A result without them is drawn as weights, its title saying so ({@link MatrixCache#NOT_COMPUTED}).
     */
    public boolean showsNorms() {
        Explained e = explained();
        return selection().normsProperty().get() && e != null && NormAttention.available(e.result());
    }

    /** What export file names add for the measure: "-norms" while norms are drawn, nothing for weights. */
    public String measureSuffix() {
        return showsNorms() ? "-norms" : "";
    }

        /** What the current selection shows for the compare view's second sentence, or null without one. */
    public ShownMatrix comparedMatrix() {
        return matrices.get(viewModel.comparedProperty().get(), selection());
    }

    /** Brings the tab called {@code name} to the front (the dashboard opens a head in the heatmap). */
    public void showView(String name) {
        viewSwitcher.accept(name);
    }

    public void setViewSwitcher(java.util.function.Consumer<String> switcher) {
        viewSwitcher = switcher;
    }

    /** Calls {@code listener} on anything that changes what a figure shows. */
    public void onAnyChange(InvalidationListener listener) {
        viewModel.explainedProperty().addListener(listener);
        selection().addListener(listener);
        appearance.addListener(listener);
    }
}
