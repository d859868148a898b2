package io.headlight.model;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Attention written out op by op: {@code Softmax(scale * Q K^T + mask)} with the product a {@code MatMul}, an
 * ONNX Runtime {@code com.microsoft FusedMatMul} (its {@code alpha}, {@code transA} and {@code transB} read) or
 * an {@code Einsum} whose equation is a batched Q K^T (tf2onnx, keras).
 * The scale may sit after the product (Div or Mul, BERT's eager export), in FusedMatMul's alpha (ORT's
 * optimizer), or on the operands before it (torch's SDPA export multiplies Q and K^T each by d^-1/4, possibly
 * before a Transpose or Reshape). Scales on the operands are walked past, so the exposed q and k are the
 * model's true query and key and {@link FoundAttention#scale} the whole factor.
 */
final class ScoreProductForm implements AttentionForm {
    /** How far back from a Softmax the score product may be (Add mask, Div scale, Where, Cast...). */
    private static final int MAX_HOPS = 8;
    /** How many movement or scaling nodes an operand's walk back passes at most. */
    private static final int MAX_OPERAND_HOPS = 6;
    /** Operators that only move elements, so a scale commutes with them and they can be replayed exactly. */
    private static final Set<String> MOVES = Set.of("Transpose", "Reshape", "Identity");
    private static final String MICROSOFT = "com.microsoft";

    @Override
    public List<FoundAttention> find(GraphIndex graph) {
        List<FoundAttention> found = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            if (node.getOpType().equals("Softmax") && node.getDomain().isEmpty() && onLastAxis(node, graph)) {
                scoresBehind(graph, node.getInput(0), 1f, 0)
                        .ifPresent(s -> found.add(expose(graph, node, s)));
            }
        }
        return found;
    }

    /** Whether a Softmax normalises over keys, the last axis of {@code [B,H,T,T]}. */
    static boolean onLastAxis(NodeProto softmax, GraphIndex graph) {
        // Before opset 13 Softmax defaulted to axis 1 (and flattened from there), which is not attention.
        long axis = GraphIndex.intAttribute(softmax, "axis", graph.opset() >= 13 ? -1 : 1);
        return axis == -1 || axis == 3;
    }

    /** A score product found behind a Softmax, and the factor between it and the Softmax. */
    private record Scores(NodeProto product, float after) {
    }

    /**
     * One operand of the product traced back past scalings: its true tensor and the factor applied to it;
     * NaN when a factor computed at run time could not be evaluated.
     */
    private record Operand(String tensor, float factor, List<NodeProto> replay) {
        boolean scaled() {
            return factor != 1f;
        }
    }

    /**
     * Walks back from a Softmax input through masking and scaling to the product of two computed tensors
     * (Q x K^T); a product with a weight initializer is a projection, not attention scores.
     */
    private static Optional<Scores> scoresBehind(GraphIndex graph, String value, float after, int hops) {
        NodeProto node = graph.producer(value);
        if (node == null || hops > MAX_HOPS) {
            return Optional.empty();
        }
        if (isProduct(node)) {
            return graph.isConstant(node.getInput(0)) || graph.isConstant(node.getInput(1))
                    ? Optional.empty() : Optional.of(new Scores(node, after));
        }
        if (!node.getDomain().isEmpty()) {
            return Optional.empty();
        }
        switch (node.getOpType()) {
            case "Div": {
                float divisor = graph.scalar(node.getInput(1));
                // A divisor computed at run time from shapes still leads to the scores, with the scale unknown.
                return Float.isNaN(divisor) && !unevaluatedFactor(graph, node) ? Optional.empty()
                        : scoresBehind(graph, node.getInput(0), after / divisor, hops + 1);
            }
            case "Mul": {
                for (int i = 0; i < 2; i++) {
                    float factor = graph.scalar(node.getInput(1 - i));
                    if (!Float.isNaN(factor)) {
                        return scoresBehind(graph, node.getInput(i), after * factor, hops + 1);
                    }
                }
                if (unevaluatedFactor(graph, node)) {
                    int data = graph.dataIndependent(node.getInput(0)) ? 1 : 0;
                    return scoresBehind(graph, node.getInput(data), Float.NaN, hops + 1);
                }
                return Optional.empty();
            }
            case "Add":
            case "Sub":
                // The mask may itself be computed, so follow whichever side leads to the scores.
                return firstFound(graph, node, 0, 2, after, hops);
            case "Where":
                return firstFound(graph, node, 1, 3, after, hops);
            case "Cast":
            case "Identity":
                return scoresBehind(graph, node.getInput(0), after, hops + 1);
            default:
                return Optional.empty();
        }
    }

    private static Optional<Scores> firstFound(GraphIndex graph, NodeProto node, int from, int to, float after,
                                               int hops) {
        for (int i = from; i < to && i < node.getInputCount(); i++) {
            Optional<Scores> found = scoresBehind(graph, node.getInput(i), after, hops + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean isProduct(NodeProto node) {
        if (node.getOpType().equals("MatMul") && node.getDomain().isEmpty()) {
            return true;
        }
        if (node.getOpType().equals("Einsum") && node.getDomain().isEmpty()) {
            return EinsumScores.of(node).isPresent();
        }
        // Batch transposes move the head axis, which no attention product does.
        return node.getOpType().equals("FusedMatMul") && node.getDomain().equals(MICROSOFT)
                && GraphIndex.intAttribute(node, "transBatchA", 0) == 0
                && GraphIndex.intAttribute(node, "transBatchB", 0) == 0;
    }

    private static FoundAttention expose(GraphIndex graph, NodeProto softmax, Scores scores) {
        NodeProto product = scores.product();
        boolean fused = product.getOpType().equals("FusedMatMul");
        float alpha = fused ? GraphIndex.floatAttribute(product, "alpha", 1f) : 1f;
        boolean transA = fused && GraphIndex.intAttribute(product, "transA", 0) != 0;
        boolean transB = fused && GraphIndex.intAttribute(product, "transB", 0) != 0;
        Optional<EinsumScores> einsum = product.getOpType().equals("Einsum") ? EinsumScores.of(product)
                : Optional.empty();

        List<NodeProto> added = new ArrayList<>();
        int queryInput = einsum.map(EinsumScores::queryInput).orElse(0);
        Operand q = operand(graph, product.getInput(queryInput));
        Operand k = operand(graph, product.getInput(1 - queryInput));
        String query = replay(graph, q, added);
        String key = replay(graph, k, added);
        if (transA) {
            query = transposed(graph, query, added);
        }
        if (einsum.isPresent()) {
            // Headlight reads q as [.., T, d] and k^T as [.., d, T], batch axes in the output's order.
            query = permuted(graph, query, einsum.get().queryPerm(), added);
            key = permuted(graph, key, einsum.get().keyPerm(), added);
        }
        float scale = scores.after() * alpha * q.factor() * k.factor();
        String form = describe(product.getOpType(), scores.after(), alpha, q.scaled(), k.scaled(), transB);
        if (Float.isNaN(scale)) {
            // Exposing the operands would show scaled q and k as if they were the model's own.
            return new FoundAttention(graph.position(softmax), form + ", q or k scaled at run time by a factor"
                    + " Headlight cannot evaluate (q/k withheld)", softmax.getOutput(0), null, null, true, scale,
                    List.of(), List.of());
        }
        return new FoundAttention(graph.position(softmax), form, softmax.getOutput(0), query, key, !transB, scale,
                added, List.of());
    }

    /**
     * Walks back from an operand of the product through element moves and multiplications by a constant,
     * to the tensor before the farthest scaling; the moves passed on the way are kept to replay on it.
     */
    private static Operand operand(GraphIndex graph, String tensor) {
        List<NodeProto> passed = new ArrayList<>();
        String current = tensor;
        float factor = 1f;
        String trueTensor = tensor;
        float trueFactor = 1f;
        List<NodeProto> trueReplay = List.of();
        for (int hop = 0; hop < MAX_OPERAND_HOPS; hop++) {
            NodeProto node = graph.producer(current);
            if (node == null || !node.getDomain().isEmpty()) {
                break;
            }
            String op = node.getOpType();
            if (MOVES.contains(op)) {
                passed.add(0, node);
                current = node.getInput(0);
                continue;
            }
            float constant = Float.NaN;
            String source = null;
            if (op.equals("Div")) {
                constant = 1 / graph.scalar(node.getInput(1));
                source = node.getInput(0);
            } else if (op.equals("Mul")) {
                for (int i = 0; i < 2 && source == null; i++) {
                    float c = graph.scalar(node.getInput(1 - i));
                    if (!Float.isNaN(c) && !graph.isConstant(node.getInput(i))) {
                        constant = c;
                        source = node.getInput(i);
                    }
                }
            }
            if (Float.isNaN(constant) && unevaluatedFactor(graph, node)) {
                return new Operand(tensor, Float.NaN, List.of());
            }
            if (source == null || Float.isNaN(constant)) {
                break;
            }
            factor *= constant;
            current = source;
            trueTensor = source;
            trueFactor = factor;
            trueReplay = List.copyOf(passed);
        }
        return new Operand(trueTensor, trueFactor, trueReplay);
    }

    /** A Mul or Div of the operand by something computed from shapes and constants that {@code scalar} cannot read. */
    private static boolean unevaluatedFactor(GraphIndex graph, NodeProto node) {
        if (node.getOpType().equals("Div")) {
            return graph.dataIndependent(node.getInput(1));
        }
        if (node.getOpType().equals("Mul")) {
            return graph.dataIndependent(node.getInput(0)) != graph.dataIndependent(node.getInput(1));
        }
        return false;
    }

    /** Applies an operand's moves to its unscaled tensor, as new nodes, so q and k keep the product's layout. */
    private static String replay(GraphIndex graph, Operand operand, List<NodeProto> added) {
        String current = operand.tensor();
        for (NodeProto move : operand.replay()) {
            String out = graph.freshName(move.getOutput(0) + "/unscaled");
            NodeProto.Builder copy = move.toBuilder().setInput(0, current).clearOutput().addOutput(out);
            if (!move.getName().isEmpty()) {
                copy.setName(graph.freshName(move.getName() + "/unscaled"));
            }
            added.add(copy.build());
            current = out;
        }
        return current;
    }

    private static String transposed(GraphIndex graph, String tensor, List<NodeProto> added) {
        NodeProto transpose = graph.swapLastAxes(tensor);
        added.add(transpose);
        return transpose.getOutput(0);
    }

    private static String permuted(GraphIndex graph, String tensor, long[] perm, List<NodeProto> added) {
        if (EinsumScores.identity(perm)) {
            return tensor;
        }
        NodeProto transpose = graph.transposed(tensor, perm);
        added.add(transpose);
        return transpose.getOutput(0);
    }

    /** The form as {@code inspect} names it, e.g. "FusedMatMul, scale in alpha, K not transposed". */
    private static String describe(String op, float after, float alpha, boolean qScaled, boolean kScaled,
                                   boolean transB) {
        StringBuilder form = new StringBuilder(op);
        if (alpha != 1f) {
            form.append(", scale in alpha");
        }
        if (qScaled && kScaled) {
            form.append(", q and k pre-scaled (SDPA)");
        } else if (qScaled) {
            form.append(", q pre-scaled");
        } else if (kScaled) {
            form.append(", k pre-scaled");
        }
        if (after != 1f) {
            form.append(", scale after");
        }
        if (transB) {
            form.append(", K not transposed");
        }
        return form.toString();
    }
}
