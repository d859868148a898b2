package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The attention probabilities of one com.microsoft {@code QAttention} node, computed in Java from what the node
 * reads: its quantized input (as the run gives it), the graph's 8-bit packed weights, scales, zero points and
 * float bias, and a padding mask. The integer product is exact (long accumulation), then dequantized and
 * biased as ONNX Runtime's kernel does, and {@code softmax(q . k / sqrt(d) + mask)} taken in double, with the
 * kernel's default mask_filter_value -10000 on padded keys.
 */
final class QuantizedAttentionReference {
    private static final double MASK_FILTER = -10000;

    private QuantizedAttentionReference() {
    }

    /**
     * @param input      the node's uint8 input {@code [B,T,in]}
     * @param inputScale its scale
     * @param inputZero  its zero point
     * @param mask       the 0/1 attention mask {@code [B,T]}
     * @return {@code [B,N,T,T]}
     */
    static float[] probabilities(GraphProto graph, NodeProto node, byte[] input, float inputScale, int inputZero,
                                 long[] mask, int batch, int length) {
        TensorProto weight = initializer(graph, node.getInput(1));
        int in = (int) weight.getDims(0);
        int packed = (int) weight.getDims(1);
        byte[] w = weight.getRawData().toByteArray();
        float[] bias = floats(initializer(graph, node.getInput(2)));
        float weightScale = floats(initializer(graph, node.getInput(4)))[0];
        int weightZero = initializer(graph, node.getInput(7)).getRawData().byteAt(0);
        int heads = (int) GraphIndex.intAttribute(node, "num_heads", 0);
        int hidden = packed / 3;
        int d = hidden / heads;
        float scale = inputScale * weightScale;

        float[] projected = new float[batch * length * packed];
        for (int row = 0; row < batch * length; row++) {
            for (int c = 0; c < packed; c++) {
                long sum = 0;
                for (int i = 0; i < in; i++) {
                    sum += (long) (Byte.toUnsignedInt(input[row * in + i]) - inputZero) * (w[i * packed + c] - weightZero);
                }
                projected[row * packed + c] = sum * scale + bias[c];
            }
        }
        float[] out = new float[batch * heads * length * length];
        double[] logits = new double[length];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < length; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < length; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += (double) projected[(b * length + i) * packed + h * d + c]
                                    * projected[(b * length + j) * packed + hidden + h * d + c];
                        }
                        logits[j] = dot / Math.sqrt(d) + (mask[b * length + j] == 0 ? MASK_FILTER : 0);
                        max = Math.max(max, logits[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < length; j++) {
                        logits[j] = Math.exp(logits[j] - max);
                        sum += logits[j];
                    }
                    for (int j = 0; j < length; j++) {
                        out[((b * heads + h) * length + i) * length + j] = (float) (logits[j] / sum);
                    }
                }
            }
        }
        return out;
    }

    private static TensorProto initializer(GraphProto graph, String name) {
        return graph.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no initializer " + name));
    }

    private static float[] floats(TensorProto t) {
        if (t.getFloatDataCount() > 0) {
            float[] out = new float[t.getFloatDataCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = t.getFloatData(i);
            }
            return out;
        }
        FloatBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[raw.remaining()];
        raw.get(out);
        return out;
    }
}
