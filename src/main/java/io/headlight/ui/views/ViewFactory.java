package io.headlight.ui.views;

import io.headlight.ui.Appearance;
import io.headlight.ui.ExplorerViewModel;

import java.util.List;

/** The explorer's tabs, in order. */
public final class ViewFactory {
    private ViewFactory() {
    }

    public static List<ExplorerView> create(ExplorerViewModel viewModel, Appearance appearance) {
        ViewContext context = new ViewContext(viewModel, appearance);
        return List.of(new HeatmapView(context), new ModelGridView(context), new HeadLinesView(context),
                new NeuronView(context));
    }
}
