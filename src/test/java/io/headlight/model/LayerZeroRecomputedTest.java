package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Layer 0's attention recomputed in plain Java from the model's own weights (word + position + type
 * embeddings, LayerNorm, query and key projections, 1/sqrt(d), softmax) equals what the engine extracts.
 *
 * <p>Here the weights are looked up by the exporter's node names: this is an independent reimplementation
 * to check the engine against, not the engine's way of finding things.
 */
class LayerZeroRecomputedTest {
    private static final String SELF = "/encoder/layer.0/attention/self/";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "all-MiniLM-L6-v2  | The bank of the river was steep. | She deposited cash at the bank.",
            "bge-small-zh-v1.5 | 银行在河边。 | 她把钱存进了银行。"})
    void layerZeroMatchesAPlainJavaComputation(String id, String a, String b) throws Exception {
        AttentionModel model = SharedModels.get(id);
        AttentionResult result = model.explain(a, b);
        Weights w = new Weights(ModelProto.parseFrom(Files.readAllBytes(model.source().onnxFile())).getGraph());
        int t = result.length();
        int hidden = model.info().hiddenSize();
        int heads = result.heads();
        int d = hidden / heads;

        float[][] q = new float[t][];
        float[][] k = new float[t][];
        for (int i = 0; i < t; i++) {
            float[] x = new float[hidden];
            long id0 = result.token(i).id();
            int segment = result.token(i).segment();
            for (int c = 0; c < hidden; c++) {
                x[c] = w.word.get((int) id0 * hidden + c) + w.position.get(i * hidden + c)
                        + w.type.get(segment * hidden + c);
            }
            float[] normal = layerNorm(x, w.gamma, w.beta, w.epsilon);
            q[i] = project(normal, w.queryWeight, w.queryBias);
            k[i] = project(normal, w.keyWeight, w.keyBias);
        }
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                double[] p = new double[t];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    double dot = 0;
                    for (int c = h * d; c < (h + 1) * d; c++) {
                        dot += (double) q[i][c] * k[j][c];
                    }
                    p[j] = dot / Math.sqrt(d);
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    p[j] = Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int j = 0; j < t; j++) {
                    assertEquals(p[j] / sum, result.attention(0, h, i, j), 1e-4, "head " + h + ", " + i + "->" + j);
                }
            }
        }
    }

    private static float[] layerNorm(float[] x, FloatBuffer gamma, FloatBuffer beta, float epsilon) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double variance = 0;
        for (float v : x) {
            variance += (v - mean) * (v - mean);
        }
        variance /= x.length;
        float[] out = new float[x.length];
        for (int c = 0; c < x.length; c++) {
            out[c] = (float) ((x[c] - mean) / Math.sqrt(variance + epsilon) * gamma.get(c) + beta.get(c));
        }
        return out;
    }

    /** x [n] times W [n][m] (ONNX MatMul layout) plus bias [m]. */
    private static float[] project(float[] x, FloatBuffer weight, FloatBuffer bias) {
        int m = bias.capacity();
        float[] out = new float[m];
        for (int o = 0; o < m; o++) {
            double s = bias.get(o);
            for (int c = 0; c < x.length; c++) {
                s += (double) x[c] * weight.get(c * m + o);
            }
            out[o] = (float) s;
        }
        return out;
    }

    /** The tensors layer 0's scores are made of. */
    private static final class Weights {
        final FloatBuffer word;
        final FloatBuffer position;
        final FloatBuffer type;
        final FloatBuffer gamma;
        final FloatBuffer beta;
        final float epsilon;
        final FloatBuffer queryWeight;
        final FloatBuffer queryBias;
        final FloatBuffer keyWeight;
        final FloatBuffer keyBias;
        private final Map<String, TensorProto> tensors = new HashMap<>();
        private final Map<String, NodeProto> nodes = new HashMap<>();

        Weights(GraphProto graph) {
            graph.getInitializerList().forEach(i -> tensors.put(i.getName(), i));
            for (NodeProto n : graph.getNodeList()) {
                nodes.put(n.getName(), n);
                if (n.getOpType().equals("Constant")) {
                    for (AttributeProto a : n.getAttributeList()) {
                        if (a.getName().equals("value")) {
                            tensors.put(n.getOutput(0), a.getT());
                        }
                    }
                }
            }
            word = floats("embeddings.word_embeddings.weight");
            position = floats("embeddings.position_embeddings.weight");
            type = floats("embeddings.token_type_embeddings.weight");
            gamma = floats("embeddings.LayerNorm.weight");
            beta = floats("embeddings.LayerNorm.bias");
            epsilon = floats(nodes.get("/embeddings/LayerNorm/Add").getInput(1)).get(0);
            queryWeight = floats(nodes.get(SELF + "query/MatMul").getInput(1));
            queryBias = floats(initializerInput(SELF + "query/Add"));
            keyWeight = floats(nodes.get(SELF + "key/MatMul").getInput(1));
            keyBias = floats(initializerInput(SELF + "key/Add"));
        }

        private String initializerInput(String node) {
            return nodes.get(node).getInputList().stream().filter(tensors::containsKey).findFirst().orElseThrow();
        }

        private FloatBuffer floats(String name) {
            TensorProto t = tensors.get(name);
            if (t.getRawData().isEmpty()) {
                float[] values = new float[t.getFloatDataCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = t.getFloatData(i);
                }
                return FloatBuffer.wrap(values);
            }
            return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }
    }
}
