package io.headlight.ui.canvas;

import io.headlight.render.ScalableFigure;
import io.headlight.render.SurfaceFigure;

import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;

/** Paints a {@link SurfaceFigure} on the canvas through a {@link CanvasSurface}. */
public class SurfacePainter implements FigurePainter {
    private final SurfaceFigure figure;

    public SurfacePainter(SurfaceFigure figure) {
        this.figure = figure;
    }

    public SurfaceFigure figure() {
        return figure;
    }

    @Override
    public double width() {
        return figure.width();
    }

    @Override
    public double height() {
        return figure.height();
    }

    @Override
    public void paint(GraphicsContext gc) {
        figure.draw(new CanvasSurface(gc));
    }

    @Override
    public void paint(GraphicsContext gc, Rectangle2D visible) {
        if (figure instanceof ScalableFigure f) {
            f.labelsOnlyIn(visible.getMinX(), visible.getMinY(), visible.getWidth(), visible.getHeight());
            paint(gc);
            f.labelsOnlyIn(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY);
            return;
        }
        paint(gc);
    }

    @Override
    public boolean laysOut() {
        return figure instanceof ScalableFigure;
    }

    @Override
    public void layout(double scale) {
        if (figure instanceof ScalableFigure f) {
            f.layout(scale);
        }
    }

    @Override
    public double scaleToFit(double width, double height) {
        return figure instanceof ScalableFigure f ? f.scaleToFit(width, height) : 1;
    }
}
