package io.headlight.ui.views;

import io.headlight.render.HeatmapFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;

import io.headlight.render.PngSurface;
import io.headlight.ui.Explained;
import io.headlight.render.ShownMatrix;
import javafx.geometry.Point2D;

import java.util.Locale;

/**
 * One head (or mean, or rollout) as a T x T heatmap with token labels, colour bar and hover readout; "go to token"
 * zooms to a token's row and column.
 */
public final class HeatmapView extends FigureView {
    /** Go to zooms in until a cell is at least this large, so every label around the token shows. */
    private static final double GO_TO_CELL = 16;
    private HeatmapFigure drawn;
    private ShownMatrix shown;
    private int focus = -1;

    public HeatmapView(ViewContext context) {
        super(context, "Heatmap", "heatmapFigure");
        withHeader(goToField(() -> shown, this::goTo));
        context.viewModel().explainedProperty().addListener(obs -> focus = -1);
    }

    @Override
    void rebuild() {
        shown = context.shownMatrix();
        if (shown == null) {
            drawn = null;
            figure.setPainter(null);
            return;
        }
        drawn = new HeatmapFigure(shown, context.appearance().colorMap(), context.appearance().foreground(),
                new PngSurface(1, 1, 1));
        drawn.keepLabelsInView(context.appearance().background());
        figure.setPainter(new ShownPainter(drawn, shown.title(), shown.labels()));
    }

    @Override
    String pointAt(Point2D at) {
        int[] cell = drawn == null || at == null ? null : drawn.cellAt(at.getX(), at.getY());
        if (drawn == null) {
            return " ";
        }
        int f = focus < shown.size() ? focus : -1;
        drawn.hover(cell == null ? f : cell[0], cell == null ? f : cell[1]);
        if (cell == null) {
            return f < 0 ? " " : "went to " + shown.positionLabel(f);
        }
        return String.format(Locale.ROOT, "%s -> %s: %.4f", shown.positionLabel(cell[0]),
                shown.positionLabel(cell[1]), shown.at(cell[0], cell[1]));
    }

    /** Zooms in (if cells are small) and scrolls until the token's row and column meet on screen. */
    private void goTo(int token) {
        if (drawn == null) {
            return;
        }
        focus = token;
        if (drawn.cell() < GO_TO_CELL) {
            figure.zoomBy(GO_TO_CELL / drawn.cell());
        }
        double c = drawn.cell();
        figure.reveal(drawn.cellsLeft() + token * c - 2 * c, drawn.cellsTop() + token * c - 2 * c, 5 * c, 5 * c);
        invalidate();
    }

    @Override
    FigureExport exportOf(Explained e) {
        String what = context.selection().rolloutProperty().get() ? "rollout-L" + context.selection().layer()
                : context.selection().allHeadsProperty().get() ? "L" + context.selection().layer() + "-mean"
                : "L" + context.selection().layer() + "-H" + context.selection().head();
        // The export draws the figure at its natural layout, not at the zoom on screen.
        HeatmapFigure natural = new HeatmapFigure(shown, context.appearance().colorMap(),
                context.appearance().foreground(), new PngSurface(1, 1, 1));
        return new SurfaceExport("heatmap-" + e.result().modelId() + "-" + what + context.measureSuffix(), natural, shown,
                context.appearance().background());
    }
}
