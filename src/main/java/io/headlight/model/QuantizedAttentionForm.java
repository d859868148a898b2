package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;

import static io.headlight.model.AttentionSideGraph.optionalInput;

/**
 * ONNX Runtime's int8 fused {@code com.microsoft} {@code QAttention} (quantize_dynamic over a fused graph): the
 * layer input arrives already quantized (DynamicQuantizeLinear's 8-bit values, scale and zero point), the packed
 * Q/K/V weights are 8-bit with their own scale and zero point (per tensor or per column), the bias is float.
 * The side graph recomputes the packed projection as the kernel does, an integer product
 * ({@code MatMulInteger}, exact) times {@code input_scale * weight_scale} plus the bias, and then
 * {@code softmax(Q K^T * scale + mask)} as for {@link ContribAttentionForm}.
 */
final class QuantizedAttentionForm implements AttentionForm {
    /** Inputs of QAttention, in its order. */
    private static final int INPUT = 0;
    private static final int WEIGHT = 1;
    private static final int BIAS = 2;
    private static final int INPUT_SCALE = 3;
    private static final int WEIGHT_SCALE = 4;
    private static final int MASK_INDEX = 5;
    private static final int INPUT_ZERO = 6;
    private static final int WEIGHT_ZERO = 7;
    private static final int PAST = 8;

    @Override
    public List<FoundAttention> find(GraphIndex graph) {
        StaticShapes shapes = new StaticShapes(graph.graph());
        return AttentionSideGraph.each(graph, node -> node.getDomain().equals("com.microsoft")
                        && node.getOpType().equals("QAttention") && node.getInputCount() > WEIGHT_SCALE
                        && optionalInput(node, PAST) == null,
                node -> sideGraph(node, graph, shapes));
    }

    /** The side graph for one node, or null when its sizes cannot be told from the graph. */
    private static FoundAttention sideGraph(NodeProto node, GraphIndex graph, StaticShapes shapes) {
        long heads = GraphIndex.intAttribute(node, "num_heads", 0);
        long packed = packedWidth(node, graph, shapes);
        String maskIndex = optionalInput(node, MASK_INDEX);
        int maskRank = maskIndex == null ? 0 : shapes.rank(maskIndex);
        if (heads <= 0 || packed <= 0 || packed % 3 != 0 || packed / 3 % heads != 0 || maskRank < 0
                || maskRank > 3 || optionalInput(node, BIAS) == null) {
            return null;
        }
        long hidden = packed / 3;
        float scale = GraphIndex.floatAttribute(node, "scale", 0f);
        if (scale == 0f) {
            scale = (float) (1 / Math.sqrt(hidden / heads));
        }

        AttentionSideGraph side = AttentionSideGraph.beside(node, graph);
        List<String> product = new ArrayList<>(List.of(node.getInput(INPUT), node.getInput(WEIGHT)));
        String inputZero = optionalInput(node, INPUT_ZERO);
        String weightZero = optionalInput(node, WEIGHT_ZERO);
        if (inputZero != null || weightZero != null) {
            product.add(inputZero == null ? "" : inputZero);
        }
        if (weightZero != null) {
            product.add(weightZero);
        }
        String integer = side.op("MatMulInteger", "qkv_int32", product);
        String wide = side.op("Cast", "qkv_float", List.of(integer),
                AttentionSideGraph.intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
        String scales = side.op("Mul", "qkv_scale", List.of(asFloat(side, graph, node.getInput(INPUT_SCALE)),
                asFloat(side, graph, node.getInput(WEIGHT_SCALE))));
        String projected = side.add(side.op("Mul", "qkv_dequantized", List.of(wide, scales)),
                asFloat(side, graph, node.getInput(BIAS)), "qkv");
        String query = side.heads(side.lastAxisSlice(projected, 0, hidden, "q"), heads, false, "query");
        String keyT = side.heads(side.lastAxisSlice(projected, hidden, 2 * hidden, "k"), heads, true,
                "key_transposed");

        // QAttention has no attention_bias input: an index past its inputs reads as absent.
        return side.foundMasked(node, graph, "com.microsoft QAttention, int8 (probabilities recomputed beside it)",
                query, keyT, scale, MASK_INDEX, maskRank, node.getInputCount());
    }

    private static String asFloat(AttentionSideGraph side, GraphIndex graph, String tensor) {
        return side.asFloat(tensor, graph.elementType(tensor));
    }

    /** The packed Q/K/V width: the weights' last axis, else the bias's. */
    private static long packedWidth(NodeProto node, GraphIndex graph, StaticShapes shapes) {
        long packed = shapes.lastDimension(node.getInput(WEIGHT));
        if (packed <= 0 && optionalInput(node, BIAS) != null) {
            packed = shapes.lastDimension(node.getInput(BIAS));
        }
        TensorProto weights = graph.constant(node.getInput(WEIGHT));
        if (packed <= 0 && weights != null && weights.getDimsCount() == 2) {
            packed = weights.getDims(1);
        }
        return packed;
    }
}
