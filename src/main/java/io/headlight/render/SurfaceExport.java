package io.headlight.render;

import io.headlight.render.PngSurface;
import io.headlight.render.ShownMatrix;
import io.headlight.render.SvgFigureSurface;
import io.headlight.render.SurfaceFigure;

import java.io.IOException;
import java.nio.file.Path;

/** Exports a view's figure by drawing it again, the same way, on render's PNG surface. */
public record SurfaceExport(String baseName, SurfaceFigure figure, ShownMatrix matrix, int background)
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
