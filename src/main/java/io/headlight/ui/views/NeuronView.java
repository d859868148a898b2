package io.headlight.ui.views;

import io.headlight.render.NeuronFigure;
import io.headlight.render.FigureExport;
import io.headlight.render.SurfaceExport;

import io.headlight.model.AttentionResult;
import io.headlight.model.Token;
import io.headlight.render.PngSurface;
import io.headlight.ui.Explained;
import io.headlight.ui.Selection;
import io.headlight.ui.canvas.FigurePane;
import io.headlight.ui.canvas.FxFonts;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;

import java.util.List;
import java.util.stream.IntStream;

/** bertviz's neuron view for any model whose query and key tensors were exposed, one head at a time. */
public final class NeuronView implements ExplorerView {
    private final ViewContext context;
    private final FigurePane figure = new FigurePane();
    private final ComboBox<String> queryChoice = new ComboBox<>();
    private final Label unavailable = new Label();
    private boolean filling;
    private FigureHeader header;
    private BorderPane root;
    private NeuronFigure drawn;

    public NeuronView(ViewContext context) {
        this.context = context;
        createView();
        initListeners();
    }

    private void createView() {
        figure.setFitWidthOnly(true);
        figure.setId("neuronFigure");
        queryChoice.setId("queryToken");
        queryChoice.setVisibleRowCount(16);
        FxFonts.follow(queryChoice, Bindings.createStringBinding(() -> String.join(" ", queryChoice.getItems()),
                queryChoice.getItems()));
        header = new FigureHeader(figure, new Label("Query"), queryChoice, unavailable);
        root = new BorderPane(figure);
        root.setTop(header.node());
    }

    private void initListeners() {
        Selection sel = context.selection();
        new LazyFigure(figure, context, this::rebuild);
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
        figure.setOnFigureMoved((x, y) -> {
            int t = drawn == null ? -1 : drawn.queryAt(x, y);
            header.readout().setText(t < 0 ? " " : "click to make \"" + context.explained().result().token(t).text()
                    + "\" the query");
        });
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

    private void rebuild() {
        Explained e = context.explained();
        figure.setFigureBackground(Color.web(String.format("#%06X", context.appearance().background() & 0xFFFFFF)));
        if (e == null || !e.result().hasQueryKey()) {
            unavailable.setText(e == null ? "" : "This model's query and key vectors were not exposed.");
            drawn = null;
            figure.setPainter(null);
            return;
        }
        unavailable.setText("");
        AttentionResult r = e.result();
        Selection sel = context.selection();
        int query = Math.max(0, Math.min(sel.queryTokenProperty().get(), r.length() - 1));
        drawn = new NeuronFigure(r, sel.layer(), sel.head(), query, context.appearance().foreground(),
                context.appearance().accent(), new PngSurface(1, 1, 1));
        String title = r.modelId() + " · layer " + sel.layer() + " · head " + sel.head() + " · query " + query;
        figure.setPainter(new ShownPainter(drawn, title, r.tokens().stream().map(Token::text).toList()));
    }

    @Override
    public String name() {
        return "Neuron view";
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
        Selection sel = context.selection();
        return new SurfaceExport("neuron-" + e.result().modelId() + "-L" + sel.layer() + "-H" + sel.head() + "-q"
                + sel.queryTokenProperty().get(), drawn, context.shownMatrix(), context.appearance().background());
    }
}
