package io.headlight.render;

import io.headlight.render.Surface;

/** A figure drawn once against render's {@link Surface}: on the canvas, and the same way into PNG and SVG. */
public interface SurfaceFigure {
    double width();

    double height();

    void draw(Surface surface);
}
