package io.headlight.ui.views;

import io.headlight.render.HeatmapFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;

import io.headlight.render.PngSurface;
import io.headlight.ui.Explained;
import io.headlight.render.ShownMatrix;
import javafx.geometry.Point2D;

import java.util.Locale;

/** One head (or mean, or rollout) as a T x T heatmap with token labels, colour bar and hover readout. */
public final class HeatmapView extends FigureView {
    private HeatmapFigure drawn;
    private ShownMatrix shown;

    public HeatmapView(ViewContext context) {
        super(context, "Heatmap", "heatmapFigure");
        withHeader();
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
        figure.setPainter(new ShownPainter(drawn, shown.title(), shown.labels()));
    }

    @Override
    String pointAt(Point2D at) {
        int[] cell = drawn == null || at == null ? null : drawn.cellAt(at.getX(), at.getY());
        if (drawn != null) {
            drawn.hover(cell == null ? -1 : cell[0], cell == null ? -1 : cell[1]);
        }
        if (cell == null) {
            return " ";
        }
        return String.format(Locale.ROOT, "%s -> %s: %.4f", shown.labels().get(cell[0]),
                shown.labels().get(cell[1]), shown.at(cell[0], cell[1]));
    }

    @Override
    FigureExport exportOf(Explained e) {
        String what = context.selection().rolloutProperty().get() ? "rollout-L" + context.selection().layer()
                : context.selection().allHeadsProperty().get() ? "L" + context.selection().layer() + "-mean"
                : "L" + context.selection().layer() + "-H" + context.selection().head();
        return new SurfaceExport("heatmap-" + e.result().modelId() + "-" + what, drawn, shown,
                context.appearance().background());
    }
}
