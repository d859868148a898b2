package io.headlight.cli;

import io.headlight.cli.Options.UsageException;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;
import io.headlight.model.TextEncoder;
import io.headlight.render.ColorMap;
import io.headlight.render.HeadLinesFigure;
import io.headlight.render.HeatmapFigure;
import io.headlight.render.ModelGridFigure;
import io.headlight.render.PairFilter;
import io.headlight.render.PngSurface;
import io.headlight.render.ScalableFigure;
import io.headlight.render.ShownMatrix;
import io.headlight.render.Surface;
import io.headlight.render.SurfaceFigure;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * {@code bench --render}: what one scrub step costs each view of the window at 1600 x 1000, fitted. A frame is what
 * the view does on a new head: build the figure from the cached result (the model view only moves its selection;
 * its thumbnails are made once per result), then draw it at the fitted zoom into an image the size of the
 * window's figure area, through the same {@link Surface} drawing code the canvas runs (a PNG surface: the bench
 * needs no display). One JSON line per view and length: median wall and thread-CPU time of the frames, so a
 * shared machine's load shows as the gap between the two.
 */
public final class RenderBenchCommand {
    /** The figure area of each view in the 1600 x 1000 window (measured under Xvfb; the head view has a toggle row). */
    static final int AREA_WIDTH = 1598;
    static final int AREA_HEIGHT = 806;
    static final int LINES_AREA_HEIGHT = 782;
    private static final int FG = 0xFF202020;
    private static final int ACCENT = 0xFFD9480F;
    private static final String PROSE = "The old lighthouse keeper climbed the stairs every evening, lit the lamp,"
            + " and wrote in his log how the ships passed, which of them signalled back, and whether the fog that"
            + " rolled in from the north would lift before the fishing boats returned to the harbour at dawn.";
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RenderBenchCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws UsageException, HeadlightException {
        Options o = Options.parse(args, Set.of("model", "lengths", "runs"), Set.of("render"));
        int runs = o.intValue("runs", 20);
        if (runs < 20) {
            throw new UsageException("--runs must be at least 20 so the median means something");
        }
        int[] lengths = BenchCommand.lengths(o.get("lengths", "128,512"));
        ModelSource source = ModelSource.resolve(o.get("model", "bge-small-en-v1.5"));
        try (AttentionModel model = AttentionModel.open(source);
             TextEncoder encoder = TextEncoder.open(source.tokenizerFile(), model.info().maxPositions())) {
            for (int t : lengths) {
                String text = prose(t, encoder);
                AttentionResult r = model.explain(text, null);
                Surface measure = new PngSurface(1, 1, 1);
                ModelGridFigure grid = new ModelGridFigure(r, (l, h) -> shown(r, l, h, text), ColorMap.YLGNBU, FG,
                        ACCENT);
                report(out, r, "heatmap", runs, step -> fitted(new HeatmapFigure(
                        shown(r, layer(r, step), head(r, step), text), ColorMap.YLGNBU, FG, measure), false));
                report(out, r, "grid", runs, step -> {
                    grid.select(layer(r, step), head(r, step));
                    return fitted(grid, false);
                });
                report(out, r, "lines", runs, step -> {
                    ShownMatrix m = shown(r, layer(r, step), head(r, step), text);
                    return fitted(new HeadLinesFigure(List.of(m), new int[] {head(r, step)}, PairFilter.ALL, FG,
                            m.title(), measure), true);
                });
            }
        }
        return 0;
    }

    /**
     * Prose of at most {@code t} tokens (as many words of {@link #PROSE} over and over as fit): real text attends
     * unevenly, as the window shows it, where one word repeated spreads every query's weight evenly and leaves the
     * head view almost no line above its threshold.
     */
    private static String prose(int t, TextEncoder encoder) throws HeadlightException {
        String[] words = PROSE.split(" ");
        StringBuilder text = new StringBuilder(words[0]);
        for (int i = 1; ; i++) {
            int before = text.length();
            text.append(' ').append(words[i % words.length]);
            int n = encoder.encode(text.toString(), null).length();
            if (n >= t) {
                return n == t ? text.toString() : text.substring(0, before);
            }
        }
    }

    private static void report(PrintStream out, AttentionResult r, String view, int runs, IntFunction<Frame> frame) {
        for (int i = 0; i < 3; i++) {
            frame.apply(i).draw();
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            long startCpu = CPU.getCurrentThreadCpuTime();
            frame.apply(i).draw();
            cpu[i] = (CPU.getCurrentThreadCpuTime() - startCpu) / 1e6;
            wall[i] = (System.nanoTime() - start) / 1e6;
        }
        out.println(String.format(Locale.ROOT, "{\"model\":\"%s\",\"layers\":%d,\"heads\":%d,\"T\":%d,\"view\":\"%s\","
                        + "\"area\":\"%dx%d\",\"frame_ms\":%.3f,\"cpu_ms\":%.3f}", r.modelId(), r.layers(), r.heads(),
                r.length(), view, AREA_WIDTH, view.equals("lines") ? LINES_AREA_HEIGHT : AREA_HEIGHT, median(wall),
                median(cpu)));
    }

    private static double median(double[] ms) {
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** One scrub step: a new head each frame, as when the user holds Alt+Right. */
    private static int head(AttentionResult r, int step) {
        return step % r.heads();
    }

    private static int layer(AttentionResult r, int step) {
        return (step / r.heads()) % r.layers();
    }

    private static ShownMatrix shown(AttentionResult r, int layer, int head, String text) {
        return ShownMatrix.of(r, layer, head, false, false, false, false, text, null);
    }

    /**
     * The figure at the zoom the window's Fit gives it (FigurePane): a figure that lays itself out is laid out at
     * the scale that fits the view and drawn at scale 1 with labels only where the view is; any other is zoomed to
     * the whole figure, or its width for a tall one, times 0.98 and at most 1.5. Scrolled to the top left: what the
     * canvas shows.
     */
    private static Frame fitted(SurfaceFigure figure, boolean linesArea) {
        double areaHeight = linesArea ? LINES_AREA_HEIGHT : AREA_HEIGHT;
        if (figure instanceof ScalableFigure f) {
            f.layout(Math.max(0.05, Math.min(8, f.scaleToFit(AREA_WIDTH - 2, areaHeight - 2))));
            int w = (int) Math.ceil(Math.min(AREA_WIDTH, f.width()));
            int h = (int) Math.ceil(Math.min(areaHeight, f.height()));
            f.labelsOnlyIn(0, 0, w, h);
            return new Frame(figure, w, h, 1);
        }
        double z = Math.min(AREA_WIDTH / figure.width(), areaHeight / figure.height());
        double zoom = Math.max(0.05, Math.min(1.5, z * 0.98));
        double w = Math.min(AREA_WIDTH, Math.ceil(figure.width() * zoom));
        double h = Math.min(areaHeight, Math.ceil(figure.height() * zoom));
        return new Frame(figure, (int) Math.ceil(w / zoom), (int) Math.ceil(h / zoom), zoom);
    }

    private record Frame(SurfaceFigure figure, int width, int height, double zoom) {
        void draw() {
            figure.draw(new PngSurface(width, height, zoom, 0xFFFFFFFF));
        }
    }
}
