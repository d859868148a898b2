package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the edited graph computes for norm-based attention, per layer: the Gram matrices of the heads' transformed
 * values (handed out), and the tensors behind them (named for tests and {@code inspect}).
 *
 * <p>The side graph sits inside one {@code If} on a boolean input of Headlight's own ({@code switchInput}):
 * ONNX Runtime runs every node of a graph whatever outputs are asked for, and this side graph, one more
 * projection per layer, made every run about 25% slower. With the switch off the {@code If} only yields empty
 * tensors; with it on, it computes the Grams.
 *
 * @param grams        per layer, {@code [B,T,H,H]} when the switch is on ({@code G_j[h][h'] =
 *                     <f_h(x_j), f_h'(x_j)>}), empty when it is off; no names when {@code unavailable}
 * @param transformed  per layer, {@code f_h(x_j)} as {@code [B,H,T,hidden]}, inside the {@code If}'s branch
 * @param dense        per layer, the attention output projection's result with its bias (before the residual), or
 *                     null where a fused SkipLayerNormalization adds the bias (then read {@code projected})
 * @param projected    per layer, the output projection's product before its bias
 * @param biases       per layer, the output projection's bias (a constant), or null when it has none
 * @param switchInput  the boolean scalar input that turns the side graph on, or null when {@code unavailable}
 * @param unavailable  why the graph hides what norms need, or null when they are available
 * @param nodes        side-graph nodes to add to the main graph: the {@code If}, after the float32 reads of a
 *                     float16 graph's tensors that a fused layer's value is recomputed from
 */
record NormPlan(List<String> grams, List<String> transformed, List<String> dense, List<String> projected,
                List<String> biases, String switchInput, String unavailable, List<NodeProto> nodes) {

    static NormPlan none(String why) {
        return new NormPlan(List.of(), List.of(), List.of(), List.of(), List.of(), null, why, List.of());
    }

    /** The same plan once its nodes are in the graph: only the names are needed from then on. */
    NormPlan withoutNodes() {
        return new NormPlan(grams, transformed, dense, projected, biases, switchInput, unavailable, List.of());
    }

    /** The graph input that feeds {@link #switchInput}: a boolean scalar. */
    ValueInfoProto switchDeclaration() {
        return ValueInfoProto.newBuilder().setName(switchInput).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.BOOL_VALUE)
                        .setShape(TensorShapeProto.getDefaultInstance()))).build();
    }

    boolean available() {
        return unavailable == null;
    }

    /** Plans the side graph for every layer, or none at all when one layer's value or projection is hidden. */
    static NormPlan of(GraphIndex index, List<FoundAttention> layers, int attentionLayers) {
        if (layers.isEmpty() || layers.size() != attentionLayers) {
            return none("the attention probabilities were not found as Softmax outputs, so the value vectors"
                    + " they weigh are unknown");
        }
        List<String> inner = new ArrayList<>();
        List<String> transformed = new ArrayList<>();
        List<String> dense = new ArrayList<>();
        List<String> projected = new ArrayList<>();
        List<String> biases = new ArrayList<>();
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> initializers = new ArrayList<>();
        List<NodeProto> outside = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            FoundAttention layer = layers.get(l);
            int number = l;
            Optional<FusedValues.Found> found = ValueProjection.find(index, layer.probabilities())
                    .map(FusedValues.Found::plain)
                    .or(() -> FusedValues.find(index, layer, number));
            if (found.isEmpty()) {
                return none("layer " + l + "'s value vectors or output projection are not plain tensors in the"
                        + " graph (" + layers.get(l).form() + ")");
            }
            ValueProjection projection = found.get().projection();
            nodes.addAll(found.get().nodes());
            initializers.addAll(found.get().initializers());
            outside.addAll(found.get().outside());
            found.get().outsideInitializers().forEach(t -> outside.add(constant(t)));
            ValueGramGraph.Built built = ValueGramGraph.build(index, l, projection);
            inner.add(built.gram());
            transformed.add(built.transformed());
            dense.add(projection.dense());
            projected.add(projection.projected());
            biases.add(projection.bias());
            nodes.addAll(built.nodes());
            initializers.addAll(built.initializers());
        }
        String switchInput = index.freshName("headlight_norms");
        List<String> grams = inner.stream().map(name -> index.freshName(name + "/out")).toList();
        GraphProto computed = GraphProto.newBuilder().setName("headlight_norms_on").addAllNode(nodes)
                .addAllInitializer(initializers).addAllOutput(floatValues(inner)).build();
        GraphProto.Builder skipped = GraphProto.newBuilder().setName("headlight_norms_off");
        List<String> empty = new ArrayList<>();
        for (String name : inner) {
            String none = index.freshName(name + "/none");
            empty.add(none);
            TensorProto nothing = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(0)
                    .build();
            skipped.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput(none).addAttribute(
                    AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                            .setT(nothing)));
        }
        skipped.addAllOutput(floatValues(empty));
        NodeProto conditional = NodeProto.newBuilder().setOpType("If").setName(index.freshName("headlight/norms"))
                .addInput(switchInput).addAllOutput(grams)
                .addAttribute(branch("then_branch", computed)).addAttribute(branch("else_branch", skipped.build()))
                .build();
        outside.add(conditional);
        return new NormPlan(grams, transformed, dense, projected, biases, switchInput, null, outside);
    }

    /** An initializer as a Constant node, so that the plan hands the graph nodes only. */
    private static NodeProto constant(TensorProto tensor) {
        return NodeProto.newBuilder().setOpType("Constant").setName(tensor.getName()).addOutput(tensor.getName())
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(tensor.toBuilder().clearName())).build();
    }

    private static AttributeProto branch(String name, GraphProto graph) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(graph)
                .build();
    }

    private static List<ValueInfoProto> floatValues(List<String> names) {
        return names.stream().map(AttentionSideGraph::floatValue).toList();
    }
}
