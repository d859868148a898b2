package io.headlight.render;

import io.headlight.render.ShownMatrix;

import java.io.IOException;
import java.nio.file.Path;

/** What a view can write out: its figure as the screen shows it, and the matrix behind it. */
public interface FigureExport {
    /** File name without extension, e.g. {@code heatmap-all-MiniLM-L6-v2-L3-H5}. */
    String baseName();

    void writePng(Path file, int scale) throws IOException;

    void writeSvg(Path file) throws IOException;

    /** The matrix behind the figure, for CSV; the view's current selection. */
    ShownMatrix matrix();
}
