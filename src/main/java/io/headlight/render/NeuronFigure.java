package io.headlight.render;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionResult;
import io.headlight.model.Token;
import io.headlight.render.ColorMap;
import io.headlight.render.Surface;
import io.headlight.render.SurfaceFigure;

import java.util.List;

/**
 * Interim neuron view until render's NeuronViewRenderer lands: for one head and query token, the query vector,
 * each key vector, their elementwise product, q·k, the scaled score and its softmax beside the model's own
 * attention, so the numbers can be seen to reproduce it. Where the result carries norms, each key's
 * {@code ‖f(x_j)‖} (what the head carries from it) and the norm {@code α ‖f(x_j)‖} stand beside the weight.
 */
public final class NeuronFigure implements SurfaceFigure {
    private static final double TOP = 72;
    private static final double ROW = 18;
    private static final double CELL = 5;
    private static final double GAP = 14;
    private final AttentionResult r;
    private final int layer;
    private final int head;
    private final int query;
    private final int fg;
    private final int accent;
    private final double tokenColumn;
    /** Row labels, with the position where a token repeats, as the heatmap's axes: two "the" are told apart. */
    private final List<String> labels;
    private final int d;
    private final float[] q;
    private final float[][] keys;
    private final double[] dot;
    private final double[] softmax;
    private final float vmax;
    private final float productMax;
    /** {@code ‖f_h(x_j)‖} of this head for every key, or null when the result has no norms. */
    private final float[] valueNorms;

    public NeuronFigure(AttentionResult r, int layer, int head, int query, int fg, int accent, Surface measure) {
        this.r = r;
        this.layer = layer;
        this.head = head;
        this.query = query;
        this.fg = fg;
        this.accent = accent;
        this.d = r.headDim();
        int t = r.length();
        this.labels = PositionLabels.axis(r.tokens().stream().map(Token::text).toList());
        double widest = 0;
        for (String label : labels) {
            widest = Math.max(widest, measure.textWidth(label, 11, true));
        }
        this.tokenColumn = widest + 12;
        this.q = r.query(layer, head, query);
        this.keys = new float[t][];
        this.dot = new double[t];
        float mx = 0;
        for (float v : q) {
            mx = Math.max(mx, Math.abs(v));
        }
        double scale = 1 / Math.sqrt(d);
        double maxScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < t; k++) {
            keys[k] = r.key(layer, head, k);
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += (double) q[i] * keys[k][i];
                mx = Math.max(mx, Math.abs(keys[k][i]));
            }
            dot[k] = s;
            maxScore = Math.max(maxScore, s * scale);
        }
        this.vmax = mx > 0 ? mx : 1;
        float pm = 0;
        for (int k = 0; k < t; k++) {
            for (int i = 0; i < d; i++) {
                pm = Math.max(pm, Math.abs(q[i] * keys[k][i]));
            }
        }
        this.productMax = pm > 0 ? pm : 1;
        this.softmax = new double[t];
        double sum = 0;
        for (int k = 0; k < t; k++) {
            softmax[k] = Math.exp(dot[k] * scale - maxScore);
            sum += softmax[k];
        }
        for (int k = 0; k < t; k++) {
            softmax[k] /= sum;
        }
        this.valueNorms = NormAttention.available(r) ? java.util.Arrays.copyOfRange(
                NormAttention.valueNorms(r.valueGramBuffer(layer), r.heads(), t), head * t, (head + 1) * t) : null;
    }

    /** The numbers printed per key: q·k, score, softmax, the model's α, and ‖f(x)‖, α‖f(x)‖ with norms. */
    private int columns() {
        return valueNorms == null ? 4 : 6;
    }

    private double queryColumnRight() {
        return 12 + tokenColumn;
    }

    private double vectorsX() {
        return queryColumnRight() + 24 + tokenColumn;
    }

    private double productX() {
        return vectorsX() + d * CELL + GAP;
    }

    private double numbersX() {
        return productX() + d * CELL + GAP;
    }

    @Override
    public double width() {
        return numbersX() + 56 * columns() + 106;
    }

    @Override
    public double height() {
        return TOP + ROW * (r.length() + 1) + 30;
    }

    /** The query token whose label is under a point (left column), or -1. */
    public int queryAt(double x, double y) {
        int t = (int) Math.floor((y - TOP - ROW) / ROW);
        if (x < 4 || x > queryColumnRight() + 4 || y < TOP + ROW || t >= r.length()) {
            return -1;
        }
        return t;
    }

    @Override
    public void draw(Surface s) {
        String title = r.modelId() + " · layer " + layer + " · head " + head + " · query \"" + r.token(query).text()
                + "\"";
        s.text(title, 12, 8, 13, true, fg, Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        s.text("click a query token on the left; d = " + d + ", score = q·k / √d", 12, 28, 11, false, fg,
                Surface.HAlign.LEFT, Surface.VAlign.TOP, 0);
        double headY = TOP + ROW / 2;
        s.text("query", queryColumnRight(), headY, 10, true, fg, Surface.HAlign.RIGHT, Surface.VAlign.MIDDLE, 0);
        s.text("q of \"" + r.token(query).text() + "\"", vectorsX() - 8, headY, 10, true, accent,
                Surface.HAlign.RIGHT, Surface.VAlign.MIDDLE, 0);
        strip(s, q, vectorsX(), headY - 5, vmax);
        s.text("key   k", vectorsX() - 8, headY - 18, 10, true, fg, Surface.HAlign.RIGHT, Surface.VAlign.MIDDLE, 0);
        s.text("q × k (elementwise)", productX(), headY - 18, 10, true, fg, Surface.HAlign.LEFT,
                Surface.VAlign.MIDDLE, 0);
        String[] heads = valueNorms == null ? new String[] {"q·k", "score", "softmax", "model α"}
                : new String[] {"q·k", "score", "softmax", "model α", "‖f(x)‖", "α‖f(x)‖"};
        for (int i = 0; i < heads.length; i++) {
            s.text(heads[i], numbersX() + 56 * i + 50, headY, 10, true, fg, Surface.HAlign.RIGHT,
                    Surface.VAlign.MIDDLE, 0);
        }
        double scale = 1 / Math.sqrt(d);
        float[] product = new float[d];
        for (int k = 0; k < r.length(); k++) {
            double y = TOP + ROW * (k + 1) + ROW / 2;
            boolean chosen = k == query;
            s.text(labels.get(k), queryColumnRight(), y, 11, chosen, chosen ? accent : fg, Surface.HAlign.RIGHT,
                    Surface.VAlign.MIDDLE, 0);
            s.text(labels.get(k), vectorsX() - 8, y, 11, false, fg, Surface.HAlign.RIGHT, Surface.VAlign.MIDDLE,
                    0);
            strip(s, keys[k], vectorsX(), y - 5, vmax);
            for (int i = 0; i < d; i++) {
                product[i] = q[i] * keys[k][i];
            }
            strip(s, product, productX(), y - 5, productMax);
            float alpha = r.attention(layer, head, query, k);
            double[] values = valueNorms == null ? new double[] {dot[k], dot[k] * scale, softmax[k], alpha}
                    : new double[] {dot[k], dot[k] * scale, softmax[k], alpha, valueNorms[k], alpha * valueNorms[k]};
            for (int i = 0; i < values.length; i++) {
                s.text(Decimals.fixed(values[i], i < 2 || i == 4 ? 2 : 4),
                        numbersX() + 56 * i + 50, y, 10, false, fg, Surface.HAlign.RIGHT, Surface.VAlign.MIDDLE, 0);
            }
            double barX = numbersX() + 56 * columns() + 8;
            s.fillRect(barX, y - 5, 90 * softmax[k], 10, accent);
        }
    }

    private static void strip(Surface s, float[] v, double x, double y, float limit) {
        int[] px = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            px[i] = ColorMap.RDBU_R.argb(v[i], -limit, limit);
        }
        s.image(px, v.length, 1, x, y, v.length * CELL, 10);
    }
}
