package io.headlight.ui.views;

import io.headlight.ui.canvas.FigurePane;
import javafx.scene.Node;

/** One head (or mean, or rollout) as a T x T heatmap with token labels, colour bar and hover readout. */
public final class HeatmapView implements ExplorerView {
    private final ViewContext context;
    private final FigurePane figure = new FigurePane();

    public HeatmapView(ViewContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "Heatmap";
    }

    @Override
    public Node node() {
        return figure;
    }
}
