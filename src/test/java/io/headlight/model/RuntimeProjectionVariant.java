package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundled model whose attention output projections multiply by a weight computed at run time: each weight is
 * scaled by a factor of exactly 1 derived from the input's size. The model computes what it did, but no weight
 * of its projections is a constant, so norm-based attention cannot be had from it.
 */
public final class RuntimeProjectionVariant {
    private RuntimeProjectionVariant() {
    }

    /** The variant of bundled model {@code id}, written with its tokenizer into {@code dir}. */
    public static Path folder(Path dir, String id) throws IOException {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(id)));
        return TinyGraphs.folder(dir, of(original), ModelFixtures.tokenizer(id));
    }

    /** {@code original} with every layer's output projection weight {@code W} replaced by {@code W * one}. */
    public static ModelProto of(ModelProto original) {
        GraphProto graph = original.getGraph();
        Map<String, List<NodeProto>> readers = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getInputList().forEach(
                in -> readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n)));
        GraphProto.Builder g = graph.toBuilder().clearNode();
        g.addNode(node("Size", List.of("input_ids"), "variant/input_size"));
        g.addInitializer(TensorProto.newBuilder().setName("variant/zero").setDataType(TensorProto.DataType.INT64_VALUE)
                .addInt64Data(0));
        g.addNode(node("Greater", List.of("variant/input_size", "variant/zero"), "variant/has_input"));
        g.addNode(node("Cast", List.of("variant/has_input"), "variant/one").toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(TensorProto.DataType.FLOAT_VALUE)).build());
        Map<NodeProto, NodeProto> replaced = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Softmax")) {
                NodeProto projection = projectionAfter(node, readers);
                String scaled = "variant/runtime_weight_" + replaced.size();
                g.addNode(node("Mul", List.of(projection.getInput(1), "variant/one"), scaled));
                replaced.put(projection, projection.toBuilder().setInput(1, scaled).build());
            }
        }
        if (replaced.isEmpty()) {
            throw new AssertionError("no attention output projection found");
        }
        graph.getNodeList().forEach(n -> g.addNode(replaced.getOrDefault(n, n)));
        return original.toBuilder().setGraph(g).build();
    }

    /** Softmax -> MatMul (context) -> Transpose -> Reshape -> MatMul: the projection, as torch.onnx writes BERT. */
    private static NodeProto projectionAfter(NodeProto softmax, Map<String, List<NodeProto>> readers) {
        NodeProto node = softmax;
        for (String op : List.of("MatMul", "Transpose", "Reshape", "MatMul")) {
            node = readers.getOrDefault(node.getOutput(0), List.of()).stream()
                    .filter(n -> n.getOpType().equals(op)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + op + " where the projection should be"));
        }
        return node;
    }

    private static NodeProto node(String type, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(type).setName(output).addAllInput(inputs).addOutput(output).build();
    }
}
