package io.headlight.cli;

import io.headlight.cli.Options.UsageException;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;
import io.headlight.render.ColorMap;
import io.headlight.render.FigureKind;
import io.headlight.render.FigureOptions;
import io.headlight.render.PngSurface;
import io.headlight.render.SurfaceFigure;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bench --render}: the time to lay out and draw one frame of each view from a cached result, the work a
 * slider move costs. Drawn into an off-screen image at 1x; one JSON line per view and length, median of the runs.
 */
public final class RenderBenchCommand {
    private static final FigureKind[] VIEWS = {FigureKind.HEATMAP, FigureKind.GRID, FigureKind.LINES};

    private RenderBenchCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws UsageException, HeadlightException {
        Options o = Options.parse(args, Set.of("model", "lengths", "runs"), Set.of("render"));
        int runs = o.intValue("runs", 20);
        if (runs < 20) {
            throw new UsageException("--runs must be at least 20 so the median means something");
        }
        int[] lengths = BenchCommand.lengths(o.get("lengths", "128,512"));
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(o.get("model", "bge-small-en-v1.5")))) {
            for (int t : lengths) {
                String text = "word ".repeat(Math.max(1, t - 2));
                AttentionResult r = model.explain(text, null);
                for (FigureKind view : VIEWS) {
                    double ms = medianFrameMillis(r, view, runs, text);
                    out.println(String.format(Locale.ROOT,
                            "{\"model\":\"%s\",\"layers\":%d,\"heads\":%d,\"T\":%d,\"view\":\"%s\",\"frame_ms\":%.3f}",
                            r.modelId(), r.layers(), r.heads(), r.length(), view.name().toLowerCase(Locale.ROOT), ms));
                }
            }
        }
        return 0;
    }

    private static double medianFrameMillis(AttentionResult r, FigureKind view, int runs, String text) {
        for (int i = 0; i < 3; i++) {
            frame(r, view, i, text);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            frame(r, view, i, text);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    /** One scrub step: a new head each frame, as when the user holds Alt+Right. */
    private static void frame(AttentionResult r, FigureKind view, int step, String text) {
        int head = step % r.heads();
        int layer = (step / r.heads()) % r.layers();
        SurfaceFigure figure = view.figure(r, layer, head, 0, ColorMap.YLGNBU, text, null, FigureOptions.PLAIN);
        PngSurface surface = new PngSurface((int) Math.ceil(figure.width()), (int) Math.ceil(figure.height()), 1,
                FigureKind.BACKGROUND);
        figure.draw(surface);
    }
}
