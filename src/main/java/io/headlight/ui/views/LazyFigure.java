package io.headlight.ui.views;

import io.headlight.ui.canvas.FigurePane;

/**
 * Rebuilds a view's figure only when something it reads has changed, and then at most once per frame: changes
 * only mark the figure stale, and the rebuild runs just before the pane redraws.
 */
final class LazyFigure {
    private final FigurePane figure;
    private boolean stale = true;

    LazyFigure(FigurePane figure, ViewContext context, Runnable rebuild) {
        this.figure = figure;
        context.onAnyChange(obs -> invalidate());
        figure.setBeforeRedraw(() -> {
            if (stale) {
                stale = false;
                rebuild.run();
            }
        });
        figure.setOnDrawn(context.viewModel()::reportDrawTime);
    }

    /** Something the figure shows changed outside the shared selection and result. */
    void invalidate() {
        stale = true;
        figure.markDirty();
    }
}
