package io.headlight.ui.views;

import io.headlight.render.HeadLinesFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;

import io.headlight.model.AttentionResult;
import io.headlight.render.HeadPalette;
import io.headlight.render.PngSurface;
import io.headlight.ui.Explained;
import io.headlight.render.PairFilter;
import io.headlight.ui.Selection;
import io.headlight.render.ShownMatrix;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * bertviz's head view: tokens in two columns and a line from each query to each key, opacity = weight, one
 * colour per head. With "all heads" on, every head not toggled off is drawn; otherwise the selected head.
 */
public final class HeadLinesView extends FigureView {
    private final FlowPane headToggles = new FlowPane(4, 4);
    private final ChoiceBox<PairFilter> pairFilter = new ChoiceBox<>();
    private final Label pairLabel = new Label("Pair");
    private HeadLinesFigure drawn;
    private ShownMatrix shown;
    private int builtFor = -1;
    private int selected = -1;
    private Supplier<HeadLinesFigure> lines;

    public HeadLinesView(ViewContext context) {
        super(context, "Head view", "headFigure");
        createView();
        initListeners();
    }

    private void createView() {
        pairFilter.setId("pairFilter");
        pairFilter.getItems().addAll(PairFilter.values());
        headToggles.setPadding(new Insets(0, 8, 0, 8));
        FigureHeader header = withHeader(goToField(() -> shown, this::select),
                pairLabel, pairFilter);
        root().setTop(new VBox(header.node(), headToggles));
    }

    private void initListeners() {
        Selection sel = context.selection();
        pairFilter.valueProperty().bindBidirectional(sel.pairFilterProperty());
        sel.headsProperty().addListener(obs -> rebuildToggles());
        sel.headProperty().addListener(obs -> syncToggles());
        sel.allHeadsProperty().addListener(obs -> syncToggles());
        context.viewModel().explainedProperty().addListener(obs -> selected = -1);
        figure.setOnFigureClicked((x, y) -> {
            int[] at = drawn == null ? null : drawn.tokenAt(x, y);
            if (at != null) {
                select(at[1] == selected ? -1 : at[1]);
            }
        });
        rebuildToggles();
    }

    @Override
    String pointAt(Point2D p) {
        if (drawn == null) {
            return " ";
        }
        int[] at = p == null ? null : drawn.tokenAt(p.getX(), p.getY());
        drawn.hover(at == null ? -1 : at[0], at == null ? -1 : at[1]);
        if (at == null) {
            return selected < 0 || selected >= shown.size() ? " "
                    : "selected " + shown.positionLabel(selected) + " (click it again to clear)";
        }
        return (at[0] == 0 ? "from " : "to ") + shown.positionLabel(at[1]) + " — click to select";
    }

    /** Keeps a token's lines drawn (and its row on screen) until another is selected; -1 clears. */
    private void select(int token) {
        selected = token;
        if (drawn != null && token >= 0) {
            drawn.select(token);
            figure.reveal(0, drawn.rowY(token) - 2 * drawn.row(), 1, 4 * drawn.row());
        }
        invalidate();
    }

    private void rebuildToggles() {
        int heads = context.selection().headsProperty().get();
        if (heads == builtFor) {
            return;
        }
        builtFor = heads;
        headToggles.getChildren().clear();
        for (int h = 0; h < heads; h++) {
            int head = h;
            ToggleButton b = new ToggleButton(Integer.toString(h));
            b.setId("headToggle" + h);
            b.setFocusTraversable(false);
            int c = HeadPalette.color(h);
            String css = String.format("#%06X", c & 0xFFFFFF);
            b.setStyle("-fx-border-color: " + css + "; -fx-border-width: 0 0 4 0; -fx-padding: 2 8 2 8;");
            b.setTooltip(new Tooltip("Head " + h + ": with all heads on, toggles it; otherwise selects it"));
            b.setOnAction(e -> {
                Selection sel = context.selection();
                if (sel.allHeadsProperty().get()) {
                    if (sel.hiddenHeads().contains(head)) {
                        sel.hiddenHeads().remove(head);
                    } else {
                        sel.hiddenHeads().add(head);
                    }
                } else {
                    sel.headProperty().set(head);
                }
                syncToggles();
            });
            headToggles.getChildren().add(b);
        }
        syncToggles();
    }

    private void syncToggles() {
        Selection sel = context.selection();
        for (int h = 0; h < headToggles.getChildren().size(); h++) {
            ToggleButton b = (ToggleButton) headToggles.getChildren().get(h);
            b.setSelected(sel.allHeadsProperty().get() ? !sel.hiddenHeads().contains(h) : h == sel.head());
        }
    }

    @Override
    void rebuild() {
        Explained e = context.explained();
        if (e == null) {
            drawn = null;
            figure.setPainter(null);
            return;
        }
        AttentionResult r = e.result();
        Selection sel = context.selection();
        boolean pair = r.isPair();
        pairFilter.setVisible(pair);
        pairLabel.setVisible(pair);
        List<ShownMatrix> matrices = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        String title;
        if (sel.rolloutProperty().get()) {
            matrices.add(context.shownMatrix());
            indices.add(-1);
            title = context.shownMatrix().title();
        } else if (sel.allHeadsProperty().get()) {
            for (int h = 0; h < r.heads(); h++) {
                if (!sel.hiddenHeads().contains(h)) {
                    matrices.add(context.headMatrix(h));
                    indices.add(h);
                }
            }
            title = r.modelId() + " · layer " + sel.layer() + " · " + indices.size() + " of " + r.heads() + " heads";
            if (matrices.isEmpty()) {
                matrices.add(context.shownMatrix());
                indices.add(-1);
            }
        } else {
            matrices.add(context.shownMatrix());
            indices.add(sel.head());
            title = context.shownMatrix().title();
        }
        shown = matrices.get(0);
        int[] index = indices.stream().mapToInt(Integer::intValue).toArray();
        PairFilter pairs = pair ? sel.pairFilterProperty().get() : PairFilter.ALL;
        boolean norms = context.showsNorms();
        lines = () -> norms
                ? HeadLinesFigure.ofNorms(matrices, index, pairs, context.appearance().foreground(), title,
                        new PngSurface(1, 1, 1))
                : new HeadLinesFigure(matrices, index, pairs, context.appearance().foreground(), title,
                        new PngSurface(1, 1, 1));
        drawn = lines.get();
        drawn.select(selected < shown.size() ? selected : -1);
        figure.setPainter(new ShownPainter(drawn, drawn.title(), shown.labels()));
    }

    @Override
    FigureExport exportOf(Explained e) {
        // A fresh figure at its natural layout: the one on screen is laid out for the zoom.
        return new SurfaceExport("head-view-" + e.result().modelId() + "-L" + context.selection().layer()
                + context.measureSuffix(),
                lines.get(), shown, context.appearance().background());
    }
}
