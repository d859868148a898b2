package io.headlight.model;

import java.util.List;
import java.util.Locale;

/**
 * What Headlight understood of a model's graph, as {@code headlight inspect} prints it and the window's model
 * info shows it: per layer the form its attention was found in and the score scale, the sizes, the inputs,
 * the element type, quantization and whether q/k and norm-based attention are available.
 *
 * @param info          the sizes learned at open
 * @param file          the graph's file name
 * @param inputs        the inputs the graph declares
 * @param forms         per layer, how its attention was found
 * @param scales        per layer, the total score scale (NaN when unknown)
 * @param quantizedOps  quantization operators in the graph; empty when it is not quantized
 * @param queryKeyNote  why q/k are not available, or null when they are
 * @param normsNote     why norm-based attention is not available ({@link AttentionModel#whyNoNorms()}), or null
 *                      when it is
 */
public record ModelDescription(ModelInfo info, String file, List<String> inputs, List<String> forms, float[] scales,
                               List<String> quantizedOps, String queryKeyNote,
                               String normsNote) {

    /** One line for a status bar: element type, the first layer's form, q/k availability. */
    public String summary() {
        return info.elementType() + (quantizedOps.isEmpty() ? "" : " quantized") + ", "
                + (forms.isEmpty() ? "attention" : forms.get(0)) + (info.hasQueryKey() ? "" : ", no q/k");
    }

    /** The full report, one fact per line. */
    public String text() {
        StringBuilder s = new StringBuilder();
        line(s, "model", info.id() + " (" + file + ")");
        line(s, "layers", info.layers() + " x " + info.heads() + " heads, head size " + info.headDim()
                + ", hidden size " + info.hiddenSize());
        line(s, "inputs", String.join(", ", inputs));
        line(s, "element type", info.elementType());
        line(s, "quantized", quantizedOps.isEmpty() ? "no" : "yes (" + String.join(", ", quantizedOps) + ")");
        line(s, "q/k vectors", info.hasQueryKey() ? "available" : "not available"
                + (queryKeyNote == null ? "" : ": " + queryKeyNote));
        line(s, "norms", normsNote == null ? "available" : "not available: " + normsNote);
        for (int l = 0; l < info.layers(); l++) {
            String form = l < forms.size() ? forms.get(l) : forms.isEmpty() ? "?" : forms.get(0);
            String scale = l < scales.length && !Float.isNaN(scales[l])
                    ? String.format(Locale.ROOT, "scale %.6g", scales[l]) : "scale unknown";
            line(s, "layer " + l, form + "; " + scale);
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(String.format(Locale.ROOT, "%-13s %s%n", key + ":", value));
    }
}
