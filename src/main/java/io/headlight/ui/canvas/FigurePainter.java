package io.headlight.ui.canvas;

import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;

/** Draws one figure at its natural size; the {@link FigurePane} scales and scrolls it. */
public interface FigurePainter {
    /** Natural width in pixels at zoom 1. */
    double width();

    /** Natural height in pixels at zoom 1. */
    double height();

    /** Draws the whole figure in its own coordinates; what falls outside the canvas is clipped. */
    void paint(GraphicsContext gc);

    /**
     * Draws the figure knowing which part of it is on screen ({@code visible}, figure coordinates; empty for an
     * overview that wants no text), so a large figure can skip the text it would draw off screen.
     */
    default void paint(GraphicsContext gc, Rectangle2D visible) {
        paint(gc);
    }

    /** Whether the figure lays itself out for each zoom ({@link #layout}) instead of being scaled. */
    default boolean laysOut() {
        return false;
    }

    /** Lays the figure out at {@code scale} times its natural size, when it {@link #laysOut()}. */
    default void layout(double scale) {
    }

    /** The scale at which the figure fills a view of {@code width} x {@code height}, when it lays out. */
    default double scaleToFit(double width, double height) {
        return 1;
    }
}
