package io.headlight.ui.canvas;

import io.headlight.render.SurfaceFigure;

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
}
