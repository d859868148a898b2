package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.render.ColorMap;
import io.headlight.render.ShownMatrix;
import io.headlight.render.Surface;
import io.headlight.render.SurfaceFigure;

/** Interim L x H small multiples until render's ModelViewRenderer lands. */
public final class ModelGridFigure implements ScalableFigure {
    private static final double LEFT = 44;
    private static final double TOP = 52;
    private static final double GAP = 8;
    private final AttentionResult r;
    private final int fg;
    private final int accent;
    private final double naturalThumb;
    private double thumb;
    private final int px;
    private final int[][] pixels;
    private int hoverLayer = -1;
    private int hoverHead = -1;
    private int selectedLayer = -1;
    private int selectedHead = -1;
    private String what = "";

    /** @param heads the matrix each (layer, head) shows, with the selection's word and special-token choices */
    public ModelGridFigure(AttentionResult r, HeadMatrices heads, ColorMap map, int fg, int accent) {
        this.r = r;
        this.fg = fg;
        this.accent = accent;
        int t = heads.of(0, 0).size();
        this.px = Math.min(t, 96);
        this.naturalThumb = Math.max(56, Math.min(96, t * 4));
        this.thumb = naturalThumb;
        this.pixels = new int[r.layers() * r.heads()][];
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                pixels[l * r.heads() + h] = thumbnail(heads.of(l, h), map);
            }
        }
    }

    /**
     * The grid of norm-based attention: norms are not probabilities, so every thumbnail is divided by the largest
     * norm of all heads, one shared scale, which the title states.
     *
     * @param norms the norms each (layer, head) shows
     */
    public static ModelGridFigure ofNorms(AttentionResult r, HeadMatrices norms, ColorMap map, int fg, int accent) {
        java.util.List<ShownMatrix> shown = new java.util.ArrayList<>();
        for (int l = 0; l < r.layers(); l++) {
            for (int h = 0; h < r.heads(); h++) {
                shown.add(norms.of(l, h));
            }
        }
        float scale = ShownMatrix.largest(shown);
        return new ModelGridFigure(r, (l, h) -> shown.get(l * r.heads() + h).dividedBy(scale), map, fg, accent)
                .saying(String.format(java.util.Locale.ROOT, "norms ‖α f(x)‖, 0 to %.2f", scale));
    }

    /** Says after the title what the thumbnails show, e.g. {@code "norms ‖α f(x)‖"}; nothing for weights. */
    public ModelGridFigure saying(String what) {
        this.what = what.isEmpty() ? "" : " · " + what;
        return this;
    }

    /** The matrix one head shows. */
    public interface HeadMatrices {
        ShownMatrix of(int layer, int head);
    }

    private int[] thumbnail(ShownMatrix shown, ColorMap map) {
        int t = shown.size();
        int[] out = new int[px * px];
        float[] m = shown.values();
        for (int y = 0; y < px; y++) {
            int q0 = y * t / px;
            int q1 = Math.max(q0 + 1, (y + 1) * t / px);
            for (int x = 0; x < px; x++) {
                int k0 = x * t / px;
                int k1 = Math.max(k0 + 1, (x + 1) * t / px);
                float max = 0;
                for (int q = q0; q < q1; q++) {
                    for (int k = k0; k < k1; k++) {
                        max = Math.max(max, m[q * t + k]);
                    }
                }
                out[y * px + x] = map.argb(max);
            }
        }
        return out;
    }

    /** Thumbnails grow with the zoom; the L and H labels keep their size. */
    @Override
    public void layout(double scale) {
        thumb = naturalThumb * scale;
    }

    @Override
    public double scaleToFit(double width, double height) {
        double fitted = Math.min((width - LEFT - 8) / r.heads() - GAP, (height - TOP - 8) / r.layers() - GAP);
        return Math.max(8, Math.min(160, fitted)) / naturalThumb;
    }

    public void hover(int layer, int head) {
        hoverLayer = layer;
        hoverHead = head;
    }

    public void select(int layer, int head) {
        selectedLayer = layer;
        selectedHead = head;
    }

    @Override
    public double width() {
        return LEFT + r.heads() * (thumb + GAP) + 8;
    }

    @Override
    public double height() {
        return TOP + r.layers() * (thumb + GAP) + 8;
    }

    public double cellX(int head) {
        return LEFT + head * (thumb + GAP);
    }

    public double cellY(int layer) {
        return TOP + layer * (thumb + GAP);
    }

    public double thumb() {
        return thumb;
    }

    /** {layer, head} under a figure point, or null. */
    public int[] headAt(double x, double y) {
        int h = (int) Math.floor((x - LEFT) / (thumb + GAP));
        int l = (int) Math.floor((y - TOP) / (thumb + GAP));
        if (x < LEFT || y < TOP || h >= r.heads() || l >= r.layers()) {
            return null;
        }
        if (x - cellX(h) > thumb || y - cellY(l) > thumb) {
            return null;
        }
        return new int[] {l, h};
    }

    @Override
    public void draw(Surface s) {
        s.text(r.modelId() + " · all " + r.layers() + " × " + r.heads() + " heads" + what, LEFT, 6, 13, true, fg,
                Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        for (int h = 0; h < r.heads(); h++) {
            s.text("H" + h, cellX(h) + thumb / 2, TOP - 6, 12, h == hoverHead, fg, Surface.HAlign.CENTER,
                    Surface.VAlign.BOTTOM, 0);
        }
        for (int l = 0; l < r.layers(); l++) {
            s.text("L" + l, LEFT - 8, cellY(l) + thumb / 2, 12, l == hoverLayer, fg, Surface.HAlign.RIGHT,
                    Surface.VAlign.MIDDLE, 0);
            for (int h = 0; h < r.heads(); h++) {
                s.image(pixels[l * r.heads() + h], px, px, cellX(h), cellY(l), thumb, thumb);
            }
        }
        if (selectedLayer >= 0) {
            s.strokeRect(cellX(selectedHead) - 2, cellY(selectedLayer) - 2, thumb + 4, thumb + 4, 3, accent);
        }
        if (hoverLayer >= 0) {
            s.strokeRect(cellX(hoverHead) - 2, cellY(hoverLayer) - 2, thumb + 4, thumb + 4, 1.5, fg);
        }
    }
}
