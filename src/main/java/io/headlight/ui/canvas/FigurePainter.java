package io.headlight.ui.canvas;

import javafx.scene.canvas.GraphicsContext;

/** Draws one figure at its natural size; the {@link FigurePane} scales and scrolls it. */
public interface FigurePainter {
    /** Natural width in pixels at zoom 1. */
    double width();

    /** Natural height in pixels at zoom 1. */
    double height();

    /** Draws the whole figure in its own coordinates; what falls outside the canvas is clipped. */
    void paint(GraphicsContext gc);
}
