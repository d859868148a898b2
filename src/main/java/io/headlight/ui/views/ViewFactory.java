package io.headlight.ui.views;

import io.headlight.ui.Appearance;
import io.headlight.ui.ExplorerViewModel;

import java.util.List;
import java.util.function.Consumer;

/** The explorer's tabs, in order. */
public final class ViewFactory {
    private ViewFactory() {
    }

    /** @param showView brings a tab to the front by name, for views that open a head elsewhere */
    public static List<ExplorerView> create(ExplorerViewModel viewModel, Appearance appearance,
                                            Consumer<String> showView) {
        ViewContext context = new ViewContext(viewModel, appearance);
        context.setViewSwitcher(showView);
        return List.of(new HeatmapView(context), new ModelGridView(context), new HeadLinesView(context),
                new NeuronView(context), new StatsView(context, ClarkHeadStats::new), new CompareView(context));
    }
}
