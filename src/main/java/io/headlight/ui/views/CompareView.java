package io.headlight.ui.views;

import io.headlight.render.ComparisonFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.PngSurface;
import io.headlight.render.ShownMatrix;
import io.headlight.render.SurfaceExport;
import io.headlight.ui.Explained;
import io.headlight.ui.ExplorerViewModel;
import io.headlight.ui.Selection;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.geometry.Point2D;
import javafx.scene.layout.VBox;
import io.headlight.ui.canvas.FxFonts;

/**
 * The main sentence and a second one under the same model, side by side on one colour scale for the selected
 * layer and head, with their difference over the tokens that correspond; hover reads a cell out in all three. Only the comparison sentence is run here; the main one comes from the shared result.
 */
public final class CompareView extends FigureView {
    private final TextField compareField = new TextField();
    private final Label hint = new Label("Type a second sentence above and press Enter. It is drawn beside the"
            + " first for the selected layer and head, with first minus second on a scale centred at 0.");
    private ComparisonFigure drawn;
    private ShownMatrix shown;

    public CompareView(ViewContext context) {
        super(context, "Compare", "compareFigure");
        createView();
        initListeners();
    }

    private void createView() {
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
        FigureHeader header = withHeader();
        root().setCenter(new StackPane(figure, hint));
        root().setTop(new VBox(top, header.node()));
    }

    private void initListeners() {
        ExplorerViewModel vm = context.viewModel();
        compareField.textProperty().bindBidirectional(vm.compareTextProperty());
        compareField.setOnAction(e -> vm.runComparison());
        FxFonts.follow(compareField, compareField.textProperty());
        vm.comparedProperty().addListener(obs -> invalidate());
    }

    /** Hover on any of the three maps: the same pair of tokens highlighted and read out in each map. */
    @Override
    String pointAt(Point2D at) {
        ComparisonFigure.Hit hit = drawn == null || at == null ? null : drawn.hitAt(at.getX(), at.getY());
        if (drawn != null) {
            drawn.hover(hit);
        }
        return hit == null ? " " : drawn.readout(hit);
    }

    @Override
    void rebuild() {
        Explained main = context.explained();
        Explained other = context.viewModel().comparedProperty().get();
        Selection sel = context.selection();
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
        ShownMatrix second = context.comparedMatrix();
        drawn = new ComparisonFigure(shown, second, context.appearance().colorMap(),
                context.appearance().foreground(), new PngSurface(1, 1, 1));
        figure.setPainter(new ShownPainter(drawn, shown.title() + " compared", shown.labels()));
    }

    /** The comparison the tab shows, or null before both sentences have results; for tests. */
    ComparisonFigure comparison() {
        return drawn;
    }

    @Override
    FigureExport exportOf(Explained e) {
        return new SurfaceExport("compare-" + e.result().modelId() + "-L"
                + context.selection().layer() + "-H" + context.selection().head() + context.measureSuffix(), drawn,
                drawn.difference() != null ? drawn.difference() : shown, context.appearance().background());
    }
}
