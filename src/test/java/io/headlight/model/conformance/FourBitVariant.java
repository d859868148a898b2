package io.headlight.model.conformance;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import shade.com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bundled model with its Q, K and V projection weights in 4 bits, as transformers.js's {@code model_q4.onnx}
 * (ONNX Runtime's MatMulNBits quantizer) stores them: each projection {@code MatMul(x, W)} becomes a
 * {@code com.microsoft MatMulNBits} with W transposed to {@code [N, blocks, 16]} bytes, two 4-bit values a byte
 * (the low nibble first), blocks of 32 along K, each block with its own float scale and 4-bit zero point
 * (asymmetric: the block's minimum to maximum spread over 0..15). The projections are found by structure, from
 * each Softmax's score MatMul and context MatMul back through Transpose, Reshape and the bias Add.
 */
final class FourBitVariant {
    private static final int BLOCK = 32;

    private FourBitVariant() {
    }

    static ModelProto qkvProjections(ModelProto model) {
        GraphProto graph = model.getGraph();
        Map<String, NodeProto> producers = new HashMap<>();
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Set<NodeProto> projections = new HashSet<>();
        for (ModelVariants.Block block : ModelVariants.blocks(model)) {
            projections.add(projection(block.product().getInput(0), producers, initializers));
            projections.add(projection(block.product().getInput(1), producers, initializers));
            for (NodeProto context : graph.getNodeList()) {
                if (context.getOpType().equals("MatMul") && context.getInput(0).equals(block.softmax().getOutput(0))) {
                    projections.add(projection(context.getInput(1), producers, initializers));
                }
            }
        }
        GraphProto.Builder g = graph.toBuilder().clearNode();
        for (NodeProto node : graph.getNodeList()) {
            if (!projections.contains(node)) {
                g.addNode(node);
                continue;
            }
            TensorProto weight = initializers.get(node.getInput(1));
            String name = node.getOutput(0) + "/q4";
            int k = (int) weight.getDims(0);
            int n = (int) weight.getDims(1);
            quantize(floats(weight), k, n, name, g);
            g.addNode(NodeProto.newBuilder().setOpType("MatMulNBits").setDomain("com.microsoft").setName(name)
                    .addAllInput(List.of(node.getInput(0), name + "/weight", name + "/scales", name + "/zero_points"))
                    .addOutput(node.getOutput(0))
                    .addAttribute(intAttr("K", k)).addAttribute(intAttr("N", n)).addAttribute(intAttr("bits", 4))
                    .addAttribute(intAttr("block_size", BLOCK)));
        }
        if (projections.isEmpty()) {
            throw new AssertionError("no Q/K/V projection found");
        }
        return model.toBuilder().setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1)).build();
    }

    /** The MatMul with a constant weight that {@code tensor} comes from, through Transpose, Reshape and bias Add. */
    private static NodeProto projection(String tensor, Map<String, NodeProto> producers,
                                        Map<String, TensorProto> initializers) {
        NodeProto node = producers.get(tensor);
        while (node != null && !(node.getOpType().equals("MatMul") && initializers.containsKey(node.getInput(1)))) {
            String next = node.getInput(0);
            if (node.getOpType().equals("Add") && !initializers.containsKey(node.getInput(1))) {
                next = node.getInput(1);
            } else if (!List.of("Transpose", "Reshape", "Add").contains(node.getOpType())) {
                throw new AssertionError(tensor + " does not come from a projection: " + node);
            }
            node = producers.get(next);
        }
        if (node == null) {
            throw new AssertionError(tensor + " does not come from a projection");
        }
        return node;
    }

    /** Adds the 4-bit blocks, scales and zero points of a {@code [k, n]} weight as initializers. */
    private static void quantize(float[] w, int k, int n, String name, GraphProto.Builder g) {
        int blocks = (k + BLOCK - 1) / BLOCK;
        byte[] packed = new byte[n * blocks * BLOCK / 2];
        float[] scales = new float[n * blocks];
        byte[] zeros = new byte[n * ((blocks + 1) / 2)];
        for (int col = 0; col < n; col++) {
            for (int b = 0; b < blocks; b++) {
                float min = 0;
                float max = 0;
                for (int i = b * BLOCK; i < Math.min(k, (b + 1) * BLOCK); i++) {
                    min = Math.min(min, w[i * n + col]);
                    max = Math.max(max, w[i * n + col]);
                }
                float scale = (max - min) / 15;
                int zero = scale == 0 ? 8 : Math.max(0, Math.min(15, Math.round(-min / scale)));
                scales[col * blocks + b] = scale;
                zeros[col * ((blocks + 1) / 2) + b / 2] |= (byte) (zero << (4 * (b % 2)));
                for (int i = b * BLOCK; i < Math.min(k, (b + 1) * BLOCK); i++) {
                    int q = scale == 0 ? zero : Math.max(0, Math.min(15, Math.round(w[i * n + col] / scale) + zero));
                    int at = (col * blocks + b) * BLOCK / 2 + (i - b * BLOCK) / 2;
                    packed[at] |= (byte) (q << (4 * ((i - b * BLOCK) % 2)));
                }
            }
        }
        g.addInitializer(TensorProto.newBuilder().setName(name + "/weight").setDataType(TensorProto.DataType.UINT8_VALUE)
                .addDims(n).addDims(blocks).addDims(BLOCK / 2).setRawData(ByteString.copyFrom(packed)));
        ByteBuffer raw = ByteBuffer.allocate(4 * scales.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : scales) {
            raw.putFloat(s);
        }
        g.addInitializer(TensorProto.newBuilder().setName(name + "/scales").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(scales.length).setRawData(ByteString.copyFrom(raw.array())));
        g.addInitializer(TensorProto.newBuilder().setName(name + "/zero_points")
                .setDataType(TensorProto.DataType.UINT8_VALUE).addDims(zeros.length)
                .setRawData(ByteString.copyFrom(zeros)));
    }

    private static float[] floats(TensorProto t) {
        FloatBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[raw.remaining()];
        raw.get(out);
        return out;
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
