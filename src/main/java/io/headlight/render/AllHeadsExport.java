package io.headlight.render;

import io.headlight.model.AttentionResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * One figure per layer x head into a folder ({@code heatmap-L03-H07.png}, numbers padded so the files sort),
 * drawn by the same figures as single exports; each file goes through {@link AtomicFile}.
 *
 * @param view    heatmap, lines or neuron (the model view already shows every head in one figure)
 * @param query   the query token the neuron view explains
 * @param options the toggles; {@code allHeads} is ignored, since each file is one head
 * @param svg     SVG files instead of PNG
 * @param scale   PNG scale (1, 2 or 4); ignored for SVG
 */
public record AllHeadsExport(AttentionResult result, FigureKind view, int query, ColorMap map, String textA,
                             String textB, FigureOptions options, boolean svg, int scale) {

    /** Told after each file, on the thread that writes. */
    @FunctionalInterface
    public interface Progress {
        void written(int done, int total);
    }

    public AllHeadsExport {
        if (view == FigureKind.GRID) {
            throw new IllegalArgumentException("the model view (grid) already shows every head in one figure;"
                    + " export all heads as heatmap, lines or neuron");
        }
        options = new FigureOptions(false, options.hideSpecial(), options.wordLevel(), options.pairs());
    }

    /** Number of files: L x H. */
    public int count() {
        return result.layers() * result.heads();
    }

    /** The files {@link #write} writes into {@code folder}, layer by layer, head by head. */
    public List<Path> files(Path folder) {
        return files(folder, result.layers(), result.heads(), view, svg);
    }

    /** The files an export of a {@code layers x heads} model writes, known before the model runs. */
    public static List<Path> files(Path folder, int layers, int heads, FigureKind view, boolean svg) {
        List<Path> files = new ArrayList<>(layers * heads);
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                files.add(folder.resolve(view.name().toLowerCase(Locale.ROOT) + "-L" + pad(l, layers) + "-H"
                        + pad(h, heads) + (svg ? ".svg" : ".png")));
            }
        }
        return files;
    }

    private static String pad(int value, int count) {
        int digits = Integer.toString(count - 1).length();
        return String.format(Locale.ROOT, "%0" + digits + "d", value);
    }

    /**
     * Writes every file, replacing any already there (the caller asks first).
     *
     * @param cancelled checked before each file; when it turns true the files written so far stay
     * @return how many files were written, {@link #count()} unless cancelled
     */
    public int write(Path folder, BooleanSupplier cancelled, Progress progress) throws IOException {
        List<Path> files = files(folder);
        int done = 0;
        for (int l = 0; l < result.layers(); l++) {
            for (int h = 0; h < result.heads(); h++) {
                if (cancelled.getAsBoolean()) {
                    return done;
                }
                SurfaceFigure figure = view.figure(result, l, h, query, map, textA, textB, options);
                AtomicFile.write(files.get(done), temp -> draw(figure, temp));
                progress.written(++done, files.size());
            }
        }
        return done;
    }

    private void draw(SurfaceFigure figure, Path file) throws IOException {
        SurfaceExport export = new SurfaceExport(file.getFileName().toString(), figure, null, FigureKind.BACKGROUND);
        if (svg) {
            export.writeSvg(file);
        } else {
            export.writePng(file, scale);
        }
    }
}
