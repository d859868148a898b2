package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bundled models rewritten with the inputs other exporters declare, computing the same function: without
 * {@code token_type_ids} (DistilBERT, RoBERTa), with {@code int32} inputs, with an explicit {@code position_ids}.
 * Nodes are found by structure, not by the bundled models' names.
 */
public final class InputVariants {
    private InputVariants() {
    }

    public static ModelProto read(String bundledId) throws IOException {
        return ModelProto.parseFrom(Files.readAllBytes(ModelFixtures.onnx(bundledId)));
    }

    /** No {@code token_type_ids} input: zeros of {@code input_ids}' shape take its place inside the graph. */
    public static ModelProto withoutTokenTypes(ModelProto model) {
        GraphProto g = model.getGraph();
        String zeros = "variant_zero_token_type_ids";
        GraphProto.Builder b = renamed(g, "token_type_ids", zeros).toBuilder();
        b.clearInput();
        g.getInputList().stream().filter(i -> !i.getName().equals("token_type_ids")).forEach(b::addInput);
        TensorProto zero = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addDims(1)
                .addInt64Data(0).build();
        b.addNode(0, NodeProto.newBuilder().setOpType("Shape").addInput("input_ids").addOutput("variant_ids_shape")
                .setName("variant_ids_shape").build());
        b.addNode(1, NodeProto.newBuilder().setOpType("ConstantOfShape").addInput("variant_ids_shape")
                .addOutput(zeros).setName(zeros).addAttribute(AttributeProto.newBuilder().setName("value")
                        .setType(AttributeProto.AttributeType.TENSOR).setT(zero)).build());
        return model.toBuilder().setGraph(b).build();
    }

    /** Every input declared int32, cast to int64 where the graph first reads it. */
    public static ModelProto int32Inputs(ModelProto model) {
        GraphProto g = model.getGraph();
        List<String> names = g.getInputList().stream().map(ValueInfoProto::getName).toList();
        for (String name : names) {
            g = renamed(g, name, name + "_variant_int64");
        }
        GraphProto.Builder b = g.toBuilder();
        for (int i = 0; i < b.getInputCount(); i++) {
            ValueInfoProto input = b.getInput(i);
            b.setInput(i, input.toBuilder().setType(input.getType().toBuilder().setTensorType(
                    input.getType().getTensorType().toBuilder().setElemType(TensorProto.DataType.INT32_VALUE))));
            b.addNode(i, NodeProto.newBuilder().setOpType("Cast").addInput(input.getName())
                    .addOutput(input.getName() + "_variant_int64").setName(input.getName() + "_variant_cast")
                    .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                            .setI(TensorProto.DataType.INT64_VALUE)).build());
        }
        return model.toBuilder().setGraph(b).build();
    }

    /**
     * A {@code position_ids} input feeds the position table's Gather: the one Gather of a weight table whose
     * indices are not a graph input (the bundled exports slice them from a constant 0..511).
     */
    public static ModelProto explicitPositions(ModelProto model) {
        GraphProto g = model.getGraph();
        Set<String> inputs = g.getInputList().stream().map(ValueInfoProto::getName).collect(Collectors.toSet());
        Set<String> tables = g.getInitializerList().stream().filter(t -> t.getDimsCount() == 2)
                .map(TensorProto::getName).collect(Collectors.toSet());
        GraphProto.Builder b = g.toBuilder();
        int found = -1;
        for (int i = 0; i < b.getNodeCount(); i++) {
            NodeProto n = b.getNode(i);
            if (n.getOpType().equals("Gather") && tables.contains(n.getInput(0)) && !inputs.contains(n.getInput(1))) {
                if (found >= 0) {
                    throw new IllegalStateException("two Gathers look like the position table's");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("no position table Gather in " + g.getName());
        }
        b.setNode(found, b.getNode(found).toBuilder().setInput(1, "position_ids"));
        ValueInfoProto ids = g.getInputList().stream().filter(i -> i.getName().equals("input_ids")).findFirst()
                .orElseThrow();
        b.addInput(ids.toBuilder().setName("position_ids"));
        return model.toBuilder().setGraph(b).build();
    }

    /** Writes the variant with a tokenizer beside it, as a user's export folder. */
    public static Path folder(Path dir, ModelProto model, Path tokenizer) throws IOException {
        return TinyGraphs.folder(dir, model, tokenizer);
    }

    private static GraphProto renamed(GraphProto g, String from, String to) {
        GraphProto.Builder b = g.toBuilder();
        for (int i = 0; i < b.getNodeCount(); i++) {
            NodeProto n = b.getNode(i);
            if (n.getInputList().contains(from)) {
                NodeProto.Builder nb = n.toBuilder();
                for (int j = 0; j < nb.getInputCount(); j++) {
                    if (nb.getInput(j).equals(from)) {
                        nb.setInput(j, to);
                    }
                }
                b.setNode(i, nb);
            }
        }
        return b.build();
    }
}
