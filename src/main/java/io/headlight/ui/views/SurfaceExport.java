package io.headlight.ui.views;

import io.headlight.render.PngSurface;
import io.headlight.ui.ShownMatrix;
import io.headlight.ui.export.SvgFigureSurface;
import io.headlight.ui.canvas.SurfaceFigure;

import java.io.IOException;
import java.nio.file.Path;

/** Exports a view's figure by drawing it again, the same way, on render's PNG surface. */
record SurfaceExport(String baseName, SurfaceFigure figure, ShownMatrix matrix, int background)
        implements FigureExport {

    @Override
    public void writePng(Path file, int scale) throws IOException {
        PngSurface png = new PngSurface((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height()), scale,
                background);
        figure.draw(png);
        png.write(file);
    }

    @Override
    public void writeSvg(Path file) throws IOException {
        SvgFigureSurface svg = new SvgFigureSurface(Math.ceil(figure.width()), Math.ceil(figure.height()), background);
        figure.draw(svg);
        svg.write(file);
    }
}
