package io.headlight.cli;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionResult;
import io.headlight.model.ModelInput;
import io.headlight.render.FloatText;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams a result as JSON: {@code model, inputs, tokens, input_ids, token_type_ids, layers, heads, attentions
 * [L][H][T][T]}, optionally {@code rollout [T][T]}, {@code queries/keys [L][H][T][d]} and the norm-based
 * attention {@code norms [L][H][T][T]} (per head) and {@code layer_norms [L][T][T]} (heads mixed). {@code inputs}
 * maps each input the model took to its element type; {@code token_type_ids} is there only when the model took
 * them. {@code tokens} are the readable labels the views show.
 *
 * <p>512 tokens on a 12-layer model is ~600 MB of text, so nothing is built in memory. {@link FloatText} prints
 * the shortest decimal that reads back as the same float32, which is what "round-trips" needs.
 */
final class JsonAttentionWriter {
    private static final int ROW_CHUNK = 4096;

    private final AttentionResult result;
    private final List<ModelInput> inputs;
    private float[] rollout;
    private boolean queryKey;
    private boolean norms;

    /** @param inputs the inputs the model took ({@code ModelInfo.inputs()}) */
    JsonAttentionWriter(AttentionResult result, List<ModelInput> inputs) {
        this.result = result;
        this.inputs = List.copyOf(inputs);
    }

    JsonAttentionWriter withRollout(float[] matrix) {
        this.rollout = matrix;
        return this;
    }

    JsonAttentionWriter withQueryKey(boolean include) {
        this.queryKey = include;
        return this;
    }

    JsonAttentionWriter withNorms(boolean include) {
        this.norms = include;
        return this;
    }

    void write(Path file) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16)) {
            write(w);
        }
    }

    void write(Writer w) throws IOException {
        int t = result.length();
        w.write("{\"model\": ");
        string(w, result.modelId());
        w.write(", \"inputs\": {");
        for (int i = 0; i < inputs.size(); i++) {
            w.write(i > 0 ? ", " : "");
            string(w, inputs.get(i).name());
            w.write(": ");
            string(w, inputs.get(i).elementType());
        }
        w.write("}, \"tokens\": [");
        for (int i = 0; i < t; i++) {
            if (i > 0) {
                w.write(", ");
            }
            string(w, result.token(i).text());
        }
        w.write("], \"input_ids\": [");
        for (int i = 0; i < t; i++) {
            w.write(i > 0 ? ", " : "");
            w.write(Long.toString(result.token(i).id()));
        }
        if (inputs.stream().anyMatch(input -> input.name().equals(ModelInput.TOKEN_TYPE_IDS))) {
            w.write("], \"token_type_ids\": [");
            for (int i = 0; i < t; i++) {
                w.write(i > 0 ? ", " : "");
                w.write(Integer.toString(result.token(i).typeId()));
            }
        }
        w.write("], \"layers\": " + result.layers() + ", \"heads\": " + result.heads() + ", \"attentions\": ");
        nested(w, result.attentionBuffer(), new int[] {result.layers(), result.heads(), t, t});
        if (rollout != null) {
            w.write(", \"rollout\": ");
            nested(w, FloatBuffer.wrap(rollout), new int[] {t, t});
        }
        if (queryKey) {
            int[] shape = {result.layers(), result.heads(), t, result.headDim()};
            w.write(", \"queries\": ");
            nested(w, result.queryBuffer(), shape);
            w.write(", \"keys\": ");
            nested(w, result.keyBuffer(), shape);
        }
        if (norms) {
            writeNorms(w, t);
        }
        w.write("}\n");
    }

    /** Norms are computed a matrix at a time while streaming: the whole tensor is as large as the attention. */
    private void writeNorms(Writer w, int t) throws IOException {
        int[] square = {t, t};
        w.write(", \"norms\": [");
        for (int l = 0; l < result.layers(); l++) {
            w.write(l > 0 ? ", [" : "[");
            for (int h = 0; h < result.heads(); h++) {
                w.write(h > 0 ? ", " : "");
                nested(w, FloatBuffer.wrap(NormAttention.headMatrix(result, l, h)), square);
            }
            w.write(']');
        }
        w.write("], \"layer_norms\": [");
        for (int l = 0; l < result.layers(); l++) {
            w.write(l > 0 ? ", " : "");
            nested(w, FloatBuffer.wrap(NormAttention.layerMatrix(result, l)), square);
        }
        w.write(']');
    }

    /** Writes {@code data} (consumed in order) as nested arrays of the given shape. */
    private static void nested(Writer w, FloatBuffer data, int[] shape) throws IOException {
        nested(w, data, shape, 0);
    }

    private static void nested(Writer w, FloatBuffer data, int[] shape, int depth) throws IOException {
        if (depth == shape.length - 1) {
            row(w, data, shape[depth]);
            return;
        }
        w.write('[');
        for (int i = 0; i < shape[depth]; i++) {
            if (i > 0) {
                w.write(", ");
            }
            nested(w, data, shape, depth + 1);
        }
        w.write(']');
    }

    /** One innermost array, its text gathered in a char buffer: one write per few hundred floats, not three each. */
    private static void row(Writer w, FloatBuffer data, int n) throws IOException {
        char[] text = new char[ROW_CHUNK];
        text[0] = '[';
        int at = 1;
        for (int i = 0; i < n; i++) {
            if (at > ROW_CHUNK - FloatText.MAX_LENGTH - 3) {
                w.write(text, 0, at);
                at = 0;
            }
            if (i > 0) {
                text[at++] = ',';
                text[at++] = ' ';
            }
            at = FloatText.write(data.get(), text, at);
        }
        text[at++] = ']';
        w.write(text, 0, at);
    }

    static void string(Writer w, String s) throws IOException {
        w.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> w.write("\\\"");
                case '\\' -> w.write("\\\\");
                case '\n' -> w.write("\\n");
                case '\r' -> w.write("\\r");
                case '\t' -> w.write("\\t");
                default -> {
                    if (c < 0x20) {
                        w.write(String.format("\\u%04x", (int) c));
                    } else {
                        w.write(c);
                    }
                }
            }
        }
        w.write('"');
    }
}
