package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attention blocks are found by the shape of the computation, in layer order. */
class GraphSurgeonTest {

    @Test
    void findsEachLayersSoftmaxInLayerOrder() throws Exception {
        byte[] bytes = Files.readAllBytes(ModelSource.resolve("all-MiniLM-L6-v2").onnxFile());
        EditedGraph edited = GraphSurgeon.edit(bytes, "minilm");
        assertEquals(6, edited.attentionOutputs().size());
        for (int layer = 0; layer < 6; layer++) {
            // The exporter's names are not used to find the blocks, only to check the order here.
            assertTrue(edited.attentionOutputs().get(layer).contains("/layer." + layer + "/"));
            assertTrue(edited.queryOutputs().get(layer).contains("/layer." + layer + "/"));
        }
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), edited.inputs());
        assertEquals("last_hidden_state", edited.hiddenOutput());
    }

    @Test
    void addsAttentionQueryAndKeyAsGraphOutputs() throws Exception {
        EditedGraph edited = GraphSurgeon.edit(TinyGraphs.attention(100).toByteArray(), "tiny");
        List<String> outputs = ModelProto.parseFrom(edited.bytes()).getGraph().getOutputList().stream()
                .map(ValueInfoProto::getName).toList();
        assertEquals(List.of("last_hidden_state", "l0_probs", "l0_q", "l0_kt"), outputs);
        assertFalse(edited.stacked());
    }

    @Test
    void recordsTheScaleBetweenMatMulAndSoftmax() throws Exception {
        EditedGraph edited = GraphSurgeon.edit(TinyGraphs.attention(100).toByteArray(), "tiny");
        assertArrayEquals(new float[] {0.5f}, edited.scoreScales());
    }

    @Test
    void blocksFollowTheDataflowNotTheNodeList() throws Exception {
        ModelProto model = TinyGraphs.attention(100, 3);
        List<NodeProto> reversed = new ArrayList<>(model.getGraph().getNodeList());
        Collections.reverse(reversed);
        GraphProto shuffled = model.getGraph().toBuilder().clearNode().addAllNode(reversed).build();
        EditedGraph edited = GraphSurgeon.edit(model.toBuilder().setGraph(shuffled).build().toByteArray(), "tiny");
        assertEquals(List.of("l0_probs", "l1_probs", "l2_probs"), edited.attentionOutputs());
        assertEquals(List.of("l0_kt", "l1_kt", "l2_kt"), edited.keyOutputs());
    }

    @Test
    void attentionOutputsTheGraphAlreadyHasAreUsed() throws Exception {
        ModelProto model = TinyGraphs.attention(100);
        ValueInfoProto declared = model.getGraph().getOutput(0).toBuilder().setName("l0_probs")
                .setType(model.getGraph().getOutput(0).getType().toBuilder().setTensorType(
                        model.getGraph().getOutput(0).getType().getTensorType().toBuilder().setShape(
                                model.getGraph().getInput(0).getType().getTensorType().getShape().toBuilder()
                                        .addDim(model.getGraph().getInput(0).getType().getTensorType().getShape()
                                                .getDim(0))
                                        .addDim(model.getGraph().getInput(0).getType().getTensorType().getShape()
                                                .getDim(1)))))
                .build();
        ModelProto withAttention = model.toBuilder().setGraph(model.getGraph().toBuilder().addOutput(declared)).build();
        EditedGraph edited = GraphSurgeon.edit(withAttention.toByteArray(), "tiny");
        assertEquals(List.of("l0_probs"), edited.attentionOutputs());
        long probsOutputs = ModelProto.parseFrom(edited.bytes()).getGraph().getOutputList().stream()
                .filter(o -> o.getName().equals("l0_probs")).count();
        assertEquals(1, probsOutputs, "not declared twice");
    }
}
