package io.headlight.ui.views;

import io.headlight.render.ModelGridFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;

import io.headlight.model.AttentionResult;
import io.headlight.render.ColorMap;
import io.headlight.ui.Explained;
import io.headlight.ui.MatrixCache;
import io.headlight.ui.Selection;
import io.headlight.render.ShownMatrix;
import javafx.geometry.Point2D;

/** Every head of every layer as small multiples; hover highlights, a click opens that head in the heatmap. */
public final class ModelGridView extends FigureView {
    private ModelGridFigure drawn;
    private AttentionResult drawnFor;
    private ColorMap drawnWith;
    private boolean drawnWords;
    private boolean drawnHidden;
    private boolean drawnDark;
    private boolean drawnNorms;
    private boolean drawnNormsAsked;

    public ModelGridView(ViewContext context) {
        super(context, "Model view", "modelFigure");
        withHeader();
        figure.setOnFigureClicked((x, y) -> {
            int[] at = drawn == null ? null : drawn.headAt(x, y);
            if (at != null) {
                context.selection().openHead(at[0], at[1]);
                context.showView("Heatmap");
            }
        });
    }

    @Override
    String pointAt(Point2D p) {
        if (drawn == null) {
            return " ";
        }
        int[] at = p == null ? null : drawn.headAt(p.getX(), p.getY());
        drawn.hover(at == null ? -1 : at[0], at == null ? -1 : at[1]);
        return at == null ? " " : "layer " + at[0] + " · head " + at[1] + " — click to open";
    }

    @Override
    void rebuild() {
        Explained e = context.explained();
        if (e == null) {
            figure.setPainter(null);
            return;
        }
        ColorMap map = context.appearance().colorMap();
        Selection sel = context.selection();
        boolean words = sel.wordLevelProperty().get();
        boolean hide = sel.hideSpecialProperty().get();
        boolean norms = context.showsNorms();
        boolean normsAsked = sel.normsProperty().get();
        if (drawn == null || drawnFor != e.result() || drawnWith != map || drawnWords != words || drawnHidden != hide
                || drawnDark != context.appearance().dark() || drawnNorms != norms || drawnNormsAsked != normsAsked) {
            drawn = gridFor(e);
            drawnFor = e.result();
            drawnWith = map;
            drawnWords = words;
            drawnHidden = hide;
            drawnDark = context.appearance().dark();
            drawnNorms = norms;
            drawnNormsAsked = normsAsked;
        }
        boolean single = !context.selection().allHeadsProperty().get() && !context.selection().rolloutProperty().get();
        drawn.select(context.selection().layer(), single ? context.selection().head() : -1);
        if (!single) {
            drawn.select(-1, -1);
        }
        if (!(figure.painter() instanceof HeadGridPainter p) || p.figure() != drawn) {
            ModelGridFigure grid = drawn;
            figure.setPainter(new HeadGridPainter(grid, (l, h) -> new Point2D(grid.cellX(h) + grid.thumb() / 2,
                    grid.cellY(l) + grid.thumb() / 2)));
        }
    }

    private ModelGridFigure gridFor(Explained e) {
        Selection sel = context.selection();
        boolean words = sel.wordLevelProperty().get();
        boolean hide = sel.hideSpecialProperty().get();
        boolean norms = context.showsNorms();
        ModelGridFigure.HeadMatrices heads = (l, h) -> ShownMatrix.of(e.result(), l, h, false, false, hide, words,
                norms, e.textA(), e.textB());
        ColorMap map = context.appearance().colorMap();
        int fg = context.appearance().foreground();
        int accent = context.appearance().accent();
        if (norms) {
            return ModelGridFigure.ofNorms(e.result(), heads, map, fg, accent);
        }
        ModelGridFigure grid = new ModelGridFigure(e.result(), heads, map, fg, accent);
        return sel.normsProperty().get() ? grid.saying(MatrixCache.NOT_COMPUTED) : grid;
    }

    @Override
    FigureExport exportOf(Explained e) {
        // A fresh grid at its natural layout, with the selection outlined: the one on screen is laid out for the zoom.
        ModelGridFigure natural = gridFor(e);
        boolean single = !context.selection().allHeadsProperty().get() && !context.selection().rolloutProperty().get();
        natural.select(single ? context.selection().layer() : -1, single ? context.selection().head() : -1);
        return new SurfaceExport("model-view-" + e.result().modelId() + context.measureSuffix(), natural, context.shownMatrix(),
                context.appearance().background());
    }
}
