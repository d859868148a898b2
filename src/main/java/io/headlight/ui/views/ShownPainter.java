package io.headlight.ui.views;

import io.headlight.render.DescribedFigure;
import io.headlight.render.SurfaceFigure;
import io.headlight.ui.canvas.SurfacePainter;

import java.util.List;

/** A surface figure that also says what it shows, for the status bar and tests. */
class ShownPainter extends SurfacePainter implements DescribedFigure {
    private final String title;
    private final List<String> labels;

    ShownPainter(SurfaceFigure figure, String title, List<String> labels) {
        super(figure);
        this.title = title;
        this.labels = List.copyOf(labels);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<String> labels() {
        return labels;
    }
}
