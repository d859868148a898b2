package io.headlight.ui.views;

import io.headlight.render.ComparisonFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.PngSurface;
import io.headlight.render.ShownMatrix;
import io.headlight.render.SurfaceExport;
import io.headlight.ui.Explained;
import io.headlight.ui.ExplorerViewModel;
import io.headlight.ui.Selection;
import io.headlight.ui.canvas.FigurePane;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The main sentence and a second one under the same model, side by side on one colour scale for the selected
 * layer and head, with their difference over the tokens that correspond; hover reads a cell out in all three. Only the comparison sentence is run here; the main one comes from the shared result.
 */
public final class CompareView implements ExplorerView {
    private final ViewContext context;
    private final FigurePane figure = new FigurePane();
    private final TextField compareField = new TextField();
    private final Label hint = new Label("Type a second sentence above and press Enter. It is drawn beside the"
            + " first for the selected layer and head, with first minus second on a scale centred at 0.");
    private BorderPane root;
    private FigureHeader header;
    private LazyFigure lazy;
    private ComparisonFigure drawn;
    private ShownMatrix shown;

    public CompareView(ViewContext context) {
        this.context = context;
        createView();
        initListeners();
    }

    private void createView() {
        figure.setId("compareFigure");
        compareField.setId("compareText");
        compareField.setPromptText("a second sentence to compare with the first (Enter)");
        HBox.setHgrow(compareField, Priority.ALWAYS);
        HBox top = new HBox(8, new Label("Compare with"), compareField);
        top.setPadding(new Insets(6, 8, 6, 8));
        top.setStyle("-fx-alignment: center-left;");
        hint.setId("compareHint");
        hint.setWrapText(true);
        hint.setMaxWidth(460);
        hint.setMouseTransparent(true);
        header = new FigureHeader(figure);
        root = new BorderPane(new StackPane(figure, hint));
        root.setTop(new VBox(top, header.node()));
    }

    private void initListeners() {
        ExplorerViewModel vm = context.viewModel();
        compareField.textProperty().bindBidirectional(vm.compareTextProperty());
        compareField.setOnAction(e -> vm.runComparison());
        lazy = new LazyFigure(figure, context, this::rebuild);
        vm.comparedProperty().addListener(obs -> lazy.invalidate());
        figure.setOnFigureMoved(this::showValueAt);
        figure.setOnFigureExited(() -> showValueAt(Double.NaN, Double.NaN));
    }

    /** Hover on any of the three maps: the same pair of tokens highlighted and read out in each map. */
    private void showValueAt(double x, double y) {
        ComparisonFigure.Hit hit = drawn == null || Double.isNaN(x) ? null : drawn.hitAt(x, y);
        if (drawn != null) {
            drawn.hover(hit);
            figure.markDirty();
        }
        header.readout().setText(hit == null ? " " : drawn.readout(hit));
    }

    private void rebuild() {
        figure.setFigureBackground(Color.web(String.format("#%06X", context.appearance().background() & 0xFFFFFF)));
        Explained main = context.explained();
        Explained other = context.viewModel().comparedProperty().get();
        Selection sel = context.selection();
        header.readout().setText(" ");
        if (main == null || other == null || sel.layer() >= other.result().layers()
                || sel.head() >= other.result().heads()) {
            drawn = null;
            shown = null;
            figure.setPainter(null);
            hint.setVisible(true);
            return;
        }
        hint.setVisible(false);
        shown = context.shownMatrix();
        ShownMatrix second = ShownMatrix.of(other.result(), sel.layer(), sel.head(), sel.allHeadsProperty().get(),
                sel.rolloutProperty().get(), sel.hideSpecialProperty().get(), sel.wordLevelProperty().get(),
                other.textA(), null);
        drawn = new ComparisonFigure(shown, second, context.appearance().colorMap(),
                context.appearance().foreground(), new PngSurface(1, 1, 1));
        figure.setPainter(new ShownPainter(drawn, shown.title() + " compared", shown.labels()));
    }

    /** The comparison the tab shows, or null before both sentences have results; for tests. */
    ComparisonFigure comparison() {
        return drawn;
    }

    @Override
    public String name() {
        return "Compare";
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
        if (drawn == null || shown == null) {
            return null;
        }
        return new SurfaceExport("compare-" + context.explained().result().modelId() + "-L"
                + context.selection().layer() + "-H" + context.selection().head(), drawn,
                drawn.difference() != null ? drawn.difference() : shown, context.appearance().background());
    }
}
