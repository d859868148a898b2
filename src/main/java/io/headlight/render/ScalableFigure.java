package io.headlight.render;

/**
 * A figure laid out again for each zoom rather than scaled: its cells grow while its text keeps one readable
 * size and thins out where it would overlap. Scale 1 is its natural layout, the one exports draw.
 */
public interface ScalableFigure extends SurfaceFigure {
    /** Lays the figure out at {@code scale} times its natural size; width() and height() follow. */
    void layout(double scale);

    /** The scale at which the whole figure fits in {@code width} x {@code height}. */
    double scaleToFit(double width, double height);

    /**
     * Limits the labels drawn to those inside the figure area (x, y, w, h), the part a screen shows, so a
     * zoomed-in 512-token figure does not draw thousands of labels off screen. An empty area draws no labels.
     */
    default void labelsOnlyIn(double x, double y, double w, double h) {
    }
}
