package io.headlight.ui.views;

import io.headlight.render.HeatmapFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;

import io.headlight.render.PngSurface;
import io.headlight.ui.Explained;
import io.headlight.render.ShownMatrix;
import io.headlight.ui.canvas.FigurePane;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;

import java.util.Locale;

/** One head (or mean, or rollout) as a T x T heatmap with token labels, colour bar and hover readout. */
public final class HeatmapView implements ExplorerView {
    private final ViewContext context;
    private final FigurePane figure = new FigurePane();
    private FigureHeader header;
    private BorderPane root;
    private HeatmapFigure drawn;
    private ShownMatrix shown;

    public HeatmapView(ViewContext context) {
        this.context = context;
        createView();
        initListeners();
    }

    private void createView() {
        figure.setId("heatmapFigure");
        header = new FigureHeader(figure);
        root = new BorderPane(figure);
        root.setTop(header.node());
    }

    private void initListeners() {
        new LazyFigure(figure, context, this::rebuild);
        figure.setOnFigureMoved((x, y) -> showValueAt(x, y));
        figure.setOnFigureExited(() -> {
            header.readout().setText(" ");
            if (drawn != null) {
                drawn.hover(-1, -1);
                figure.markDirty();
            }
        });
    }

    private void rebuild() {
        shown = context.shownMatrix();
        figure.setFigureBackground(Color.web(String.format("#%06X", context.appearance().background() & 0xFFFFFF)));
        if (shown == null) {
            drawn = null;
            figure.setPainter(null);
            return;
        }
        drawn = new HeatmapFigure(shown, context.appearance().colorMap(), context.appearance().foreground(),
                new PngSurface(1, 1, 1));
        figure.setPainter(new ShownPainter(drawn, shown.title(), shown.labels()));
    }

    private void showValueAt(double x, double y) {
        int[] cell = drawn == null ? null : drawn.cellAt(x, y);
        if (drawn != null) {
            drawn.hover(cell == null ? -1 : cell[0], cell == null ? -1 : cell[1]);
            figure.markDirty();
        }
        if (cell == null) {
            header.readout().setText(" ");
            return;
        }
        header.readout().setText(String.format(Locale.ROOT, "%s -> %s: %.4f", shown.labels().get(cell[0]),
                shown.labels().get(cell[1]), shown.at(cell[0], cell[1])));
    }

    @Override
    public String name() {
        return "Heatmap";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void onShown() {
        figure.markDirty();
    }

    @Override
    public FigureExport export() {
        Explained e = context.explained();
        if (drawn == null || e == null) {
            return null;
        }
        String what = context.selection().rolloutProperty().get() ? "rollout-L" + context.selection().layer()
                : context.selection().allHeadsProperty().get() ? "L" + context.selection().layer() + "-mean"
                : "L" + context.selection().layer() + "-H" + context.selection().head();
        return new SurfaceExport("heatmap-" + e.result().modelId() + "-" + what, drawn, shown,
                context.appearance().background());
    }
}
