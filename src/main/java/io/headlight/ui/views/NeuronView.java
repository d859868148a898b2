package io.headlight.ui.views;

import io.headlight.render.NeuronFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionResult;
import io.headlight.model.Token;
import io.headlight.render.PngSurface;
import io.headlight.ui.Explained;
import io.headlight.ui.Selection;
import io.headlight.ui.canvas.FxFonts;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

import java.util.List;
import java.util.stream.IntStream;

/** bertviz's neuron view for any model whose query and key tensors were exposed, one head at a time. */
public final class NeuronView extends FigureView {
    private final ComboBox<String> queryChoice = new ComboBox<>();
    private final Label unavailable = new Label();
    private boolean filling;
    private NeuronFigure drawn;

    public NeuronView(ViewContext context) {
        super(context, "Neuron view", "neuronFigure");
        createView();
        initListeners();
    }

    private void createView() {
        figure.setFitWidthOnly(true);
        queryChoice.setId("queryToken");
        queryChoice.setVisibleRowCount(16);
        FxFonts.followCells(queryChoice);
        withHeader(new Label("Query"), queryChoice, unavailable);
    }

    private void initListeners() {
        Selection sel = context.selection();
        context.viewModel().explainedProperty().addListener(obs -> fillQueryChoice());
        queryChoice.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (!filling && now.intValue() >= 0) {
                sel.queryTokenProperty().set(now.intValue());
            }
        });
        sel.queryTokenProperty().addListener((obs, old, now) -> queryChoice.getSelectionModel().select(now.intValue()));
        figure.setOnFigureClicked((x, y) -> {
            int t = drawn == null ? -1 : drawn.queryAt(x, y);
            if (t >= 0) {
                sel.queryTokenProperty().set(t);
            }
        });
    }

    @Override
    String pointAt(Point2D p) {
        int t = drawn == null || p == null ? -1 : drawn.queryAt(p.getX(), p.getY());
        return t < 0 ? " " : "click to make \"" + context.explained().result().token(t).text() + "\" the query";
    }

    private void fillQueryChoice() {
        Explained e = context.explained();
        filling = true;
        try {
            List<Token> tokens = e == null ? List.of() : e.result().tokens();
            queryChoice.getItems().setAll(IntStream.range(0, tokens.size())
                    .mapToObj(i -> i + ": " + tokens.get(i).text()).toList());
            int q = context.selection().queryTokenProperty().get();
            if (q >= tokens.size()) {
                context.selection().queryTokenProperty().set(Math.min(1, tokens.size() - 1));
            }
            queryChoice.getSelectionModel().select(context.selection().queryTokenProperty().get());
        } finally {
            filling = false;
        }
    }

    @Override
    void rebuild() {
        Explained e = context.explained();
        if (e == null || !e.result().hasQueryKey()) {
            unavailable.setText(e == null ? "" : "This model's query and key vectors were not exposed.");
            drawn = null;
            figure.setPainter(null);
            return;
        }
        AttentionResult r = e.result();
        String why = context.viewModel().whyNoNormsProperty().get();
        unavailable.setText(NormAttention.available(r) ? ""
                : why.isEmpty() ? "‖f(x)‖ not computed for this result." : "No ‖f(x)‖ for this model: " + why);
        Selection sel = context.selection();
        int query = Math.max(0, Math.min(sel.queryTokenProperty().get(), r.length() - 1));
        drawn = new NeuronFigure(r, sel.layer(), sel.head(), query, context.appearance().foreground(),
                context.appearance().accent(), new PngSurface(1, 1, 1));
        String title = r.modelId() + " · layer " + sel.layer() + " · head " + sel.head() + " · query " + query;
        figure.setPainter(new ShownPainter(drawn, title, r.tokens().stream().map(Token::text).toList()));
    }

    @Override
    FigureExport exportOf(Explained e) {
        Selection sel = context.selection();
        return new SurfaceExport("neuron-" + e.result().modelId() + "-L" + sel.layer() + "-H" + sel.head() + "-q"
                + sel.queryTokenProperty().get(), drawn, context.shownMatrix(), context.appearance().background());
    }
}
