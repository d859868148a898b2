package io.headlight.ui.views;

import io.headlight.render.SurfaceFigure;
import io.headlight.ui.canvas.HeadLocator;
import io.headlight.ui.canvas.SurfacePainter;
import javafx.geometry.Point2D;

import java.util.function.BiFunction;

/** Paints a layers x heads figure and says where each head is, for clicks and tests. */
final class HeadGridPainter extends SurfacePainter implements HeadLocator {
    private final BiFunction<Integer, Integer, Point2D> centre;

    /** @param centre the figure point at the middle of (layer, head) */
    HeadGridPainter(SurfaceFigure figure, BiFunction<Integer, Integer, Point2D> centre) {
        super(figure);
        this.centre = centre;
    }

    @Override
    public Point2D centerOf(int layer, int head) {
        return centre.apply(layer, head);
    }
}
