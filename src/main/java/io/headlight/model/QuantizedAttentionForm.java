package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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
        // V is left out here: the attention needs only Q and K, and the norms branch computes V when asked.
        String projected = projection(side, node, graph, t -> asFloat(side, graph, t), 0, 2 * hidden, "qk");
        String query = side.heads(side.lastAxisSlice(projected, 0, hidden, "q"), heads, false, "query");
        String keyT = side.heads(side.lastAxisSlice(projected, hidden, 2 * hidden, "k"), heads, true,
                "key_transposed");

        // QAttention has no attention_bias input: an index past its inputs reads as absent.
        return side.foundMasked(node, graph, "com.microsoft QAttention, int8 (probabilities recomputed beside it)",
                query, keyT, scale, MASK_INDEX, maskRank, node.getInputCount());
    }

    /**
     * Columns {@code from..to} of the packed projection as the kernel computes them: {@code MatMulInteger} of the
     * quantized input with those weight columns (exact), times {@code input_scale * weight_scale}, plus the bias.
     * A per-column weight scale or zero point ({@code [3H]}) is sliced with the weights.
     *
     * @param asFloat reads a float input of the node as float32, where the caller's side graph wants it read
     */
    static String projection(AttentionSideGraph side, NodeProto node, GraphIndex graph,
                             UnaryOperator<String> asFloat, long from, long to, String local) {
        long packed = packedWidth(node, graph, new StaticShapes(graph.graph()));
        List<String> product = new ArrayList<>(List.of(node.getInput(INPUT),
                side.lastAxisSlice(node.getInput(WEIGHT), from, to, local + "_weight_int8")));
        String inputZero = optionalInput(node, INPUT_ZERO);
        String weightZero = columns(side, graph, optionalInput(node, WEIGHT_ZERO), packed, from, to,
                local + "_weight_zero");
        if (inputZero != null || weightZero != null) {
            product.add(inputZero == null ? "" : inputZero);
        }
        if (weightZero != null) {
            product.add(weightZero);
        }
        String integer = side.op("MatMulInteger", local + "_int32", product);
        String wide = side.op("Cast", local + "_float", List.of(integer),
                AttentionSideGraph.intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
        String weightScale = columns(side, graph, asFloat.apply(node.getInput(WEIGHT_SCALE)), packed, from, to,
                local + "_weight_scale");
        String scales = side.op("Mul", local + "_scale", List.of(asFloat.apply(node.getInput(INPUT_SCALE)),
                weightScale));
        return side.add(side.op("Mul", local + "_dequantized", List.of(wide, scales)),
                side.lastAxisSlice(asFloat.apply(node.getInput(BIAS)), from, to, local + "_bias"), local);
    }

    /** A per-column {@code [packed]} tensor's columns {@code from..to}; a per-tensor one as it is. */
    private static String columns(AttentionSideGraph side, GraphIndex graph, String tensor, long packed, long from,
                                  long to, String local) {
        if (tensor == null) {
            return null;
        }
        long size = new StaticShapes(graph.graph()).lastDimension(tensor);
        TensorProto constant = graph.constant(tensor);
        if (size <= 0 && constant != null && constant.getDimsCount() == 1) {
            size = constant.getDims(0);
        }
        return size == packed ? side.lastAxisSlice(tensor, from, to, local) : tensor;
    }

    private static String asFloat(AttentionSideGraph side, GraphIndex graph, String tensor) {
        return side.asFloat(tensor, graph.elementType(tensor));
    }

    /** The packed Q/K/V width: the weights' last axis, else the bias's. */
    static long packedWidth(NodeProto node, GraphIndex graph, StaticShapes shapes) {
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
