package io.headlight.ui.views;

import io.headlight.render.ModelGridFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;

import io.headlight.model.AttentionResult;
import io.headlight.render.ColorMap;
import io.headlight.ui.Explained;
import io.headlight.ui.Selection;
import io.headlight.render.ShownMatrix;
import io.headlight.ui.canvas.FigurePane;
import io.headlight.ui.canvas.HeadLocator;
import io.headlight.ui.canvas.SurfacePainter;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;

/** Every head of every layer as small multiples; hover highlights, a click opens that head everywhere. */
public final class ModelGridView implements ExplorerView {
    private final ViewContext context;
    private final FigurePane figure = new FigurePane();
    private FigureHeader header;
    private BorderPane root;
    private ModelGridFigure drawn;
    private AttentionResult drawnFor;
    private ColorMap drawnWith;
    private boolean drawnWords;
    private boolean drawnHidden;
    private boolean drawnDark;

    public ModelGridView(ViewContext context) {
        this.context = context;
        createView();
        initListeners();
    }

    private void createView() {
        figure.setId("modelFigure");
        header = new FigureHeader(figure);
        root = new BorderPane(figure);
        root.setTop(header.node());
    }

    private void initListeners() {
        new LazyFigure(figure, context, this::rebuild);
        figure.setOnFigureMoved((x, y) -> {
            if (drawn == null) {
                return;
            }
            int[] at = drawn.headAt(x, y);
            drawn.hover(at == null ? -1 : at[0], at == null ? -1 : at[1]);
            header.readout().setText(at == null ? " " : "layer " + at[0] + " · head " + at[1] + " — click to open");
            figure.markDirty();
        });
        figure.setOnFigureExited(() -> {
            if (drawn != null) {
                drawn.hover(-1, -1);
                figure.markDirty();
            }
        });
        figure.setOnFigureClicked((x, y) -> {
            int[] at = drawn == null ? null : drawn.headAt(x, y);
            if (at != null) {
                context.selection().openHead(at[0], at[1]);
            }
        });
    }

    private void rebuild() {
        Explained e = context.explained();
        figure.setFigureBackground(Color.web(String.format("#%06X", context.appearance().background() & 0xFFFFFF)));
        if (e == null) {
            figure.setPainter(null);
            return;
        }
        ColorMap map = context.appearance().colorMap();
        Selection sel = context.selection();
        boolean words = sel.wordLevelProperty().get();
        boolean hide = sel.hideSpecialProperty().get();
        if (drawn == null || drawnFor != e.result() || drawnWith != map || drawnWords != words || drawnHidden != hide
                || drawnDark != context.appearance().dark()) {
            drawn = new ModelGridFigure(e.result(), (l, h) -> ShownMatrix.of(e.result(), l, h, false, false, hide,
                    words, e.textA(), e.textB()), map, context.appearance().foreground(),
                    context.appearance().accent());
            drawnFor = e.result();
            drawnWith = map;
            drawnWords = words;
            drawnHidden = hide;
            drawnDark = context.appearance().dark();
        }
        boolean single = !context.selection().allHeadsProperty().get() && !context.selection().rolloutProperty().get();
        drawn.select(context.selection().layer(), single ? context.selection().head() : -1);
        if (!single) {
            drawn.select(-1, -1);
        }
        if (!(figure.painter() instanceof GridPainter p) || p.figure() != drawn) {
            figure.setPainter(new GridPainter(drawn));
        }
    }

    @Override
    public String name() {
        return "Model view";
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
        return new SurfaceExport("model-view-" + e.result().modelId(), drawn, context.shownMatrix(),
                context.appearance().background());
    }

    private static final class GridPainter extends SurfacePainter implements HeadLocator {
        private final ModelGridFigure grid;

        GridPainter(ModelGridFigure grid) {
            super(grid);
            this.grid = grid;
        }

        @Override
        public Point2D centerOf(int layer, int head) {
            return new Point2D(grid.cellX(head) + grid.thumb() / 2, grid.cellY(layer) + grid.thumb() / 2);
        }
    }
}
