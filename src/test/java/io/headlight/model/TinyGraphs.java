package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Small ONNX graphs built in code, for what the bundled models cannot show: a graph without attention, a fused
 * attention operator, a word table smaller than the tokenizer.
 */
public final class TinyGraphs {
    static final int WIDTH = 8;
    static final int HEADS = 2;

    private TinyGraphs() {
    }

    /**
     * One self-attention block as BERT exporters write it: embeddings split into 2 heads of 4, Q x K^T,
     * Div by 2, Softmax over keys, times V.
     */
    public static ModelProto attention(int vocabRows) {
        return attention(vocabRows, 1);
    }

    /** {@code layers} such blocks, each reading the previous block's output. */
    public static ModelProto attention(int vocabRows, int layers) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-attention")
                .addInput(tensor("input_ids", TensorProto.DataType.INT64_VALUE, 2))
                .addOutput(tensor("last_hidden_state", TensorProto.DataType.FLOAT_VALUE, 3))
                .addInitializer(table("word_embeddings", vocabRows, WIDTH))
                .addInitializer(longs("split_shape", 1, -1, HEADS, WIDTH / HEADS))
                .addInitializer(longs("merge_shape", 1, -1, WIDTH))
                .addInitializer(scalar("two", 2f));
        g.addNode(node("Gather", List.of("word_embeddings", "input_ids"), "emb"));
        String in = "emb";
        for (int l = 0; l < layers; l++) {
            String p = "l" + l + "_";
            String out = l == layers - 1 ? "last_hidden_state" : p + "out";
            g.addNode(node("Reshape", List.of(in, "split_shape"), p + "split"));
            g.addNode(transpose(p + "split", p + "q", 0, 2, 1, 3));
            g.addNode(transpose(p + "split", p + "kt", 0, 2, 3, 1));
            g.addNode(node("MatMul", List.of(p + "q", p + "kt"), p + "scores"));
            g.addNode(node("Div", List.of(p + "scores", "two"), p + "scaled"));
            g.addNode(node("Softmax", List.of(p + "scaled"), p + "probs").toBuilder()
                    .addAttribute(intAttr("axis", -1)).build());
            g.addNode(node("MatMul", List.of(p + "probs", p + "q"), p + "context"));
            g.addNode(transpose(p + "context", p + "merged", 0, 2, 1, 3));
            g.addNode(node("Reshape", List.of(p + "merged", "merge_shape"), out));
            in = out;
        }
        return model(g);
    }

    /** A graph whose only Softmax follows a projection by a weight, not a query x key product. */
    public static ModelProto softmaxAfterProjection() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-classifier")
                .addInput(tensor("input_ids", TensorProto.DataType.INT64_VALUE, 2))
                .addOutput(tensor("last_hidden_state", TensorProto.DataType.FLOAT_VALUE, 3))
                .addInitializer(table("word_embeddings", 100, WIDTH))
                .addInitializer(table("classifier", WIDTH, WIDTH));
        g.addNode(node("Gather", List.of("word_embeddings", "input_ids"), "emb"));
        g.addNode(node("MatMul", List.of("emb", "classifier"), "logits"));
        g.addNode(node("Softmax", List.of("logits"), "last_hidden_state").toBuilder()
                .addAttribute(intAttr("axis", -1)).build());
        return model(g);
    }

    /** A valid graph with no attention at all: embeddings passed through. */
    public static ModelProto noAttention() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-identity")
                .addInput(tensor("input_ids", TensorProto.DataType.INT64_VALUE, 2))
                .addOutput(tensor("last_hidden_state", TensorProto.DataType.FLOAT_VALUE, 3))
                .addInitializer(table("word_embeddings", 100, WIDTH));
        g.addNode(node("Gather", List.of("word_embeddings", "input_ids"), "emb"));
        g.addNode(node("Identity", List.of("emb"), "last_hidden_state"));
        return model(g);
    }

    /** Attention fused by ONNX Runtime's transformer optimizer into one com.microsoft operator. */
    public static ModelProto fusedAttention() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-fused")
                .addInput(tensor("input_ids", TensorProto.DataType.INT64_VALUE, 2))
                .addOutput(tensor("last_hidden_state", TensorProto.DataType.FLOAT_VALUE, 3))
                .addInitializer(table("word_embeddings", 100, WIDTH))
                .addInitializer(table("qkv_weight", WIDTH, 3 * WIDTH));
        g.addNode(node("Gather", List.of("word_embeddings", "input_ids"), "emb"));
        g.addNode(node("Attention", List.of("emb", "qkv_weight"), "last_hidden_state").toBuilder()
                .setDomain("com.microsoft").addAttribute(intAttr("num_heads", HEADS)).build());
        ModelProto.Builder m = model(g).toBuilder();
        m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1));
        return m.build();
    }

    /** Writes {@code model} as {@code model.onnx} with the given tokenizer copied in as {@code tokenizer.json}. */
    public static Path folder(Path dir, ModelProto model, Path tokenizer) throws IOException {
        Files.write(dir.resolve("model.onnx"), model.toByteArray());
        Files.copy(tokenizer, dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private static ModelProto model(GraphProto.Builder graph) {
        return ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("headlight-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(graph)
                .build();
    }

    private static NodeProto node(String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output + "_" + op)
                .addAllInput(inputs).addOutput(output).build();
    }

    private static NodeProto transpose(String input, String output, long... perm) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName("perm")
                .setType(AttributeProto.AttributeType.INTS);
        for (long p : perm) {
            a.addInts(p);
        }
        return node("Transpose", List.of(input), output).toBuilder().addAttribute(a).build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static ValueInfoProto tensor(String name, int elemType, int rank) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < rank; i++) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("d" + i));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    /** A rows x cols float table with distinct, smooth values so that attention is not uniform. */
    private static TensorProto table(String name, int rows, int cols) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(rows).addDims(cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t.addFloatData((float) Math.sin(r * 0.37 + c * 1.3));
            }
        }
        return t.build();
    }

    private static TensorProto longs(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static TensorProto scalar(String name, float value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(value).build();
    }
}
