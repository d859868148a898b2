package io.headlight.model.conformance;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.ModelSource;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A graph that scales q and k in a way Headlight cannot follow still shows its attention, but withholds q/k
 * and says why, rather than show q/k that disagree with the attention.
 */
class UnfollowedScaleTest {
    private static final String TEXT = "Scales nobody can read off the graph.";

    @Test
    void queryAndKeyAreWithheldAndTheReasonGiven(@TempDir Path dir) throws Exception {
        ModelSource source = ModelSource.resolve("all-MiniLM-L6-v2");
        float scale = (float) (1 / Math.sqrt(SharedModels.get(source.id()).info().headDim()));
        ModelProto sdpa = ModelVariants.sdpaScaled(ModelVariants.load(source.onnxFile()), scale, false);
        Path folder = ModelVariants.folder(dir, "opaque", rootThroughExpLog(sdpa), source.tokenizerFile());

        AttentionResult expected = SharedModels.get(source.id()).explain(TEXT, null);
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            AttentionResult r = model.explain(TEXT, null);
            assertFalse(r.hasQueryKey());
            assertFalse(model.info().hasQueryKey());
            String text = model.description().text();
            assertTrue(text.contains("q/k vectors:  not available"), text);
            assertTrue(text.contains("scaled at run time by a factor Headlight cannot evaluate (q/k withheld)"), text);
            for (int h = 0; h < r.heads(); h++) {
                for (int i = 0; i < r.length(); i++) {
                    for (int j = 0; j < r.length(); j++) {
                        assertEquals(expected.attention(0, h, i, j), r.attention(0, h, i, j), 1e-5);
                    }
                }
            }
        }
    }

    /** Writes each SDPA factor sqrt(s) as exp(0.5 * log(s)): the same number, through operators no one folds. */
    private static ModelProto rootThroughExpLog(ModelProto model) {
        GraphProto.Builder graph = model.getGraph().toBuilder().clearNode();
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (!node.getOpType().equals("Sqrt") || !node.getInput(0).endsWith("/sdpa_scale")) {
                graph.addNode(node);
                continue;
            }
            String in = node.getInput(0);
            graph.addNode(NodeProto.newBuilder().setOpType("Log").addInput(in).addOutput(in + "/log"));
            graph.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput(in + "/half")
                    .addAttribute(AttributeProto.newBuilder().setName("value")
                            .setType(AttributeProto.AttributeType.TENSOR).setT(TensorProto.newBuilder()
                                    .setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(0.5f))));
            graph.addNode(NodeProto.newBuilder().setOpType("Mul").addInput(in + "/log").addInput(in + "/half")
                    .addOutput(in + "/half_log"));
            graph.addNode(NodeProto.newBuilder().setOpType("Exp").addInput(in + "/half_log")
                    .addOutput(node.getOutput(0)));
        }
        return model.toBuilder().setGraph(graph).build();
    }
}
