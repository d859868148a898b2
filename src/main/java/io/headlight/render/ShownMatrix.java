package io.headlight.render;

import io.headlight.analysis.HeadMean;
import io.headlight.analysis.NormAttention;
import io.headlight.analysis.NormRollout;
import io.headlight.analysis.Rollout;
import io.headlight.analysis.SpecialTokens;
import io.headlight.analysis.WordGrouping;
import io.headlight.analysis.WordMerge;
import io.headlight.model.AttentionResult;
import io.headlight.model.Token;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The square matrix the heatmap shows for a selection: one head, the mean of a layer's heads or rollout up to
 * the layer; then, if asked, without special tokens (rows renormalised) and merged into words.
 *
 * @param values row-major {@code size x size}, one row per query
 * @param labels one label per row/column
 * @param title  what the figure's title says (model, layer, head or mean/rollout)
 * @param note     the legend's note on what was hidden or merged, empty when nothing was
 * @param segments sentence (0 = A, 1 = B) of each row/column (of each word at word level), or null if unknown
 * @param positions the model's token position of each row/column where it is not the row's index (special
 *                  tokens hidden), so labels, hover text and exports name the token the model saw; null when
 *                  row i is position i (or, at word level, word i)
 */
public record ShownMatrix(float[] values, int size, List<String> labels, String title, String note,
                          int[] segments, int[] positions) {

    public ShownMatrix(float[] values, int size, List<String> labels, String title, String note, int[] segments) {
        this(values, size, labels, title, note, segments, null);
    }

    /** Computes the shown matrix of the weights α; pure apart from reading the immutable result. */
    public static ShownMatrix of(AttentionResult r, int layer, int head, boolean allHeads, boolean rollout,
                                 boolean hideSpecial, boolean wordLevel, String textA, String textB) {
        return of(r, layer, head, allHeads, rollout, hideSpecial, wordLevel, false, textA, textB);
    }

    /**
     * Computes the shown matrix of the weights α or, with {@code norms}, of norm-based attention
     * {@code ‖α f(x)‖} ({@link NormAttention}): one head's, or with {@code allHeads} the layer's heads mixed,
     * {@code ‖Σ_h α^h f_h(x)‖}, rather than a mean; with {@code rollout}, {@link NormRollout}.
     *
     * @throws IllegalStateException for norms of a result without value vectors
     */
    public static ShownMatrix of(AttentionResult r, int layer, int head, boolean allHeads, boolean rollout,
                                 boolean hideSpecial, boolean wordLevel, boolean norms, String textA, String textB) {
        int t = r.length();
        float[] m;
        String what;
        if (norms && rollout) {
            m = NormRollout.upTo(r, layer);
            what = "rollout up to layer " + layer + " · of norms ‖Σ_h α f(x)‖, rows as shares";
        } else if (norms) {
            m = allHeads ? NormAttention.layerMatrix(r, layer) : NormAttention.headMatrix(r, layer, head);
            what = allHeads ? "layer " + layer + " · norms ‖Σ_h α f(x)‖ of " + r.heads() + " heads"
                    : "layer " + layer + " · head " + head + " · norms ‖α f(x)‖";
        } else if (rollout) {
            m = Rollout.upTo(r, layer);
            what = "rollout up to layer " + layer;
        } else if (allHeads) {
            m = HeadMean.of(r, layer);
            what = "layer " + layer + " · mean of " + r.heads() + " heads";
        } else {
            m = r.headMatrix(layer, head);
            what = "layer " + layer + " · head " + head;
        }
        List<Token> tokens = r.tokens();
        List<String> notes = new ArrayList<>();
        if (norms) {
            // The colour bar runs from 0 to the largest value either way; the legend says it is not a probability.
            notes.add(rollout ? "measure: norms ‖α f(x)‖ as row shares" : "measure: norms ‖α f(x)‖, lengths, not weights");
        }
        int n = t;
        int[] positions = null;
        if (hideSpecial) {
            boolean[] keep = new boolean[t];
            List<Token> kept = new ArrayList<>();
            List<Integer> keptAt = new ArrayList<>();
            Set<String> hidden = new LinkedHashSet<>();
            for (int i = 0; i < t; i++) {
                keep[i] = !tokens.get(i).special();
                if (keep[i]) {
                    kept.add(tokens.get(i));
                    keptAt.add(i);
                } else {
                    hidden.add(tokens.get(i).text());
                }
            }
            if (!kept.isEmpty()) {
                m = SpecialTokens.hide(m, t, keep);
                tokens = kept;
                n = kept.size();
                positions = keptAt.stream().mapToInt(Integer::intValue).toArray();
                // Named as this tokenizer spells them: [CLS]/[SEP] for BERT, <s>/</s> for RoBERTa.
                notes.add(String.join("/", hidden) + " hidden, rows renormalised");
            }
        }
        List<String> labels;
        int[] segments;
        if (wordLevel) {
            WordGrouping words = WordMerge.words(tokens, textA, textB);
            m = words.merge(m);
            labels = words.labels();
            n = labels.size();
            // A word never spans the two sentences, so its first piece tells its segment.
            segments = new int[n];
            for (int w = 0; w < n; w++) {
                segments[w] = tokens.get(words.group(w)[0]).segment();
            }
            notes.add("word level: sum over key pieces, mean over query pieces");
            positions = null; // words are numbered among the words shown
        } else {
            labels = tokens.stream().map(Token::text).toList();
            segments = tokens.stream().mapToInt(Token::segment).toArray();
        }
        return new ShownMatrix(m, n, labels, r.modelId() + " · " + what, String.join(" · ", notes), segments,
                positions);
    }

    /**
     * This matrix with every value divided by {@code scale}: norms are lengths, not probabilities, so figures that
     * read values as opacities or colours over 0..1 show them divided by the largest norm drawn.
     */
    public ShownMatrix dividedBy(float scale) {
        float[] scaled = values.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] /= scale;
        }
        return new ShownMatrix(scaled, size, labels, title, note, segments, positions);
    }

    /** The largest value of all {@code matrices}, or 1 when none is above 0 (so dividing by it is safe). */
    public static float largest(Iterable<ShownMatrix> matrices) {
        float max = 0;
        for (ShownMatrix m : matrices) {
            for (float v : m.values) {
                max = Math.max(max, v);
            }
        }
        return max > 0 ? max : 1;
    }

    /** The position row {@code i} stands for: the model's token position, or the word's number at word level. */
    public int position(int i) {
        return positions == null ? i : positions[i];
    }

    /** Row {@code i}'s label with its position in front, as hover text and tables name it: {@code "137 the"}. */
    public String positionLabel(int i) {
        return PositionLabels.at(position(i), labels.get(i));
    }

    /** The axis labels, each with its position where {@link PositionLabels#axis} puts one. */
    public List<String> axisLabels() {
        return PositionLabels.axis(labels, positions);
    }

    /** The row that stands for {@code position}, or -1 when none is shown. */
    public int rowOf(int position) {
        if (positions == null) {
            return position >= 0 && position < size ? position : -1;
        }
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] == position) {
                return i;
            }
        }
        return -1;
    }

    public float at(int query, int key) {
        return values[query * size + key];
    }
}
