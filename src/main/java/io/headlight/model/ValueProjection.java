package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.List;
import java.util.Optional;

/**
 * What one attention layer does with its probabilities after the softmax, found by structure: the value tensor
 * they are multiplied with, and the attention output projection (the dense layer after the heads are
 * concatenated) that the context goes through. Norm-based attention needs both.
 *
 * @param value   the value tensor {@code [B,H,T,d]}: the second operand of probabilities x V
 * @param weight  the projection's weight {@code [hidden, hidden]} as the graph holds it: an initializer, a
 *                computed (e.g. dequantized) tensor, or the quantized integer weight when {@code quantized}
 * @param quantized for a dynamically quantized projection ({@code MatMulInteger}), the weight's scale and zero
 *                point; null for a float projection
 * @param projected the projection's product before its bias ({@code context x W_O})
 * @param bias    the bias added to it, or null when none is found
 * @param dense   the projection's result with its bias: what the residual connection adds to the layer input;
 *                null when a fused {@code SkipLayerNormalization} adds the bias and the residual together
 */
record ValueProjection(String value, String weight, Quantized quantized, String projected, String bias,
                       String dense) {

    /** The scale and zero point that turn a quantized weight back into floats. */
    record Quantized(String scale, String zeroPoint) {
    }

    /** How far from the context the projection may be (Transpose, Reshape, quantizing the activations). */
    private static final int MAX_HOPS = 6;

    /**
     * Finds the value tensor and output projection that follow {@code probabilities}.
     *
     * @return the projection, or empty with nothing to explain when the graph hides them (a fused operator)
     */
    static Optional<ValueProjection> find(GraphIndex index, String probabilities) {
        for (NodeProto product : index.consumers(probabilities)) {
            if (product.getOpType().equals("MatMul") && product.getDomain().isEmpty()
                    && product.getInput(0).equals(probabilities)) {
                return following(index, product.getInput(1), product.getOutput(0));
            }
        }
        return Optional.empty();
    }

    /**
     * The output projection that {@code context} (the heads' weighted values, split or merged) goes through,
     * with {@code value} as the value tensor: for a fused operator, whose context is its output.
     */
    static Optional<ValueProjection> following(GraphIndex index, String value, String context) {
        return projection(index, context, 0).map(p -> new ValueProjection(value, p.weight(), p.quantized(),
                p.projected(), p.bias(), p.dense()));
    }

    /** Follows the context through reshaping to the first MatMul (or MatMulInteger) with a weight. */
    private static Optional<ValueProjection> projection(GraphIndex index, String tensor, int hops) {
        List<NodeProto> next = index.consumers(tensor);
        if (hops > MAX_HOPS) {
            return Optional.empty();
        }
        for (NodeProto node : next) {
            if (!node.getDomain().isEmpty() || node.getInputCount() == 0 || !node.getInput(0).equals(tensor)) {
                continue;
            }
            switch (node.getOpType()) {
                case "Transpose", "Reshape", "Cast" -> {
                    Optional<ValueProjection> found = projection(index, node.getOutput(0), hops + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                case "DynamicQuantizeLinear" -> {
                    Optional<ValueProjection> found = quantizedProjection(index, node);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                case "MatMul" -> {
                    String weight = node.getInput(1);
                    if (isWeight(index, weight)) {
                        return Optional.of(withBias(index, weight, null, node.getOutput(0)));
                    }
                }
                default -> {
                    // Shape and friends read the context's size, not its values.
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code DynamicQuantizeLinear -> MatMulInteger(x_q, W_q, x_zp, W_zp) -> Cast -> Mul(x_scale * W_scale)},
     * as onnxruntime's dynamic quantizer writes a linear layer.
     */
    private static Optional<ValueProjection> quantizedProjection(GraphIndex index, NodeProto quantize) {
        String xq = quantize.getOutput(0);
        String xScale = quantize.getOutputCount() > 1 ? quantize.getOutput(1) : "";
        for (NodeProto matmul : index.consumers(xq)) {
            if (!matmul.getOpType().equals("MatMulInteger") || matmul.getInputCount() < 4
                    || !matmul.getInput(0).equals(xq) || !index.isConstant(matmul.getInput(1))) {
                continue;
            }
            String product = follow(index, matmul.getOutput(0), "Cast");
            if (product == null) {
                continue;
            }
            for (NodeProto mul : index.consumers(product)) {
                if (!mul.getOpType().equals("Mul")) {
                    continue;
                }
                String scales = mul.getInput(0).equals(product) ? mul.getInput(1) : mul.getInput(0);
                String weightScale = otherOperand(index, scales, xScale);
                if (weightScale != null) {
                    return Optional.of(withBias(index, matmul.getInput(1),
                            new Quantized(weightScale, matmul.getInput(3)), mul.getOutput(0)));
                }
            }
        }
        return Optional.empty();
    }

    /** The constant operand of {@code Mul(x_scale, W_scale)}, the one that is not the activations' scale. */
    private static String otherOperand(GraphIndex index, String product, String activationScale) {
        if (index.isConstant(product)) {
            return product; // already folded into one constant
        }
        NodeProto mul = index.producer(product);
        if (mul == null || !mul.getOpType().equals("Mul")) {
            return null;
        }
        for (int i = 0; i < 2; i++) {
            if (mul.getInput(1 - i).equals(activationScale) && index.isConstant(mul.getInput(i))) {
                return mul.getInput(i);
            }
        }
        return null;
    }

    private static String follow(GraphIndex index, String tensor, String opType) {
        for (NodeProto node : index.consumers(tensor)) {
            if (node.getOpType().equals(opType)) {
                return node.getOutput(0);
            }
        }
        return null;
    }

    /**
     * The projection with the bias that follows it: a constant Add, or, as ONNX Runtime's transformer optimizer
     * writes it, the bias input of the {@code SkipLayerNormalization} that adds the residual (the biased result is
     * then no tensor of the graph, and {@code dense} is null).
     */
    private static ValueProjection withBias(GraphIndex index, String weight, Quantized quantized, String projected) {
        for (NodeProto add : index.consumers(projected)) {
            if (add.getOpType().equals("Add") && add.getDomain().isEmpty()) {
                String other = add.getInput(0).equals(projected) ? add.getInput(1) : add.getInput(0);
                if (index.isConstant(other)) {
                    return new ValueProjection(null, weight, quantized, projected, other, add.getOutput(0));
                }
            }
            if (add.getOpType().equals("SkipLayerNormalization") && add.getDomain().equals("com.microsoft")
                    && add.getInputCount() > 4 && index.isConstant(add.getInput(4))
                    && (add.getInput(0).equals(projected) || add.getInput(1).equals(projected))) {
                return new ValueProjection(null, weight, quantized, projected, add.getInput(4), null);
            }
        }
        return new ValueProjection(null, weight, quantized, projected, null, projected);
    }

    /** A 2-D weight: an initializer, or computed from constants only (DequantizeLinear of one, a Cast of one). */
    private static boolean isWeight(GraphIndex index, String tensor) {
        if (index.isConstant(tensor)) {
            return index.constant(tensor).getDimsCount() == 2;
        }
        NodeProto node = index.producer(tensor);
        if (node == null) {
            return false;
        }
        for (String input : node.getInputList()) {
            if (!input.isEmpty() && !isWeight(index, input) && !index.isConstant(input)) {
                return false;
            }
        }
        return node.getOpType().equals("DequantizeLinear") || node.getOpType().equals("Cast")
                || node.getOpType().equals("Transpose");
    }
}
