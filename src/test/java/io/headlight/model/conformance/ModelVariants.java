package io.headlight.model.conformance;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.platform.Fp16Conversions;
import shade.com.google.protobuf.ByteString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-writes a bundled model in the forms other exporters and tools write, with the ONNX protobuf classes, for
 * the conformance tests. Each rewrite computes the same function as the original (the tests check that first);
 * the attention blocks are found by structure (Softmax back to the score MatMul), as a user's model would be.
 */
public final class ModelVariants {
    private ModelVariants() {
    }

    /** One attention block of an eager BERT export: its Softmax, the Div/Mul scale and the score MatMul. */
    public record Block(NodeProto softmax, NodeProto scale, NodeProto product) {
    }

    public static ModelProto load(Path onnx) throws IOException {
        return ModelProto.parseFrom(Files.readAllBytes(onnx));
    }

    /** Writes {@code model.onnx} and the tokenizer into a new folder {@code dir/name}, as a user's export looks. */
    public static Path folder(Path dir, String name, ModelProto model, Path tokenizer) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.write(folder.resolve("model.onnx"), model.toByteArray());
        Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        return folder;
    }

    /** The graph as ONNX Runtime saves it after optimizing at {@code level} on the CPU (its optimizedModelFilePath). */
    public static ModelProto ortOptimized(Path onnx, OptLevel level, Path scratch) throws IOException, OrtException {
        Path saved = scratch.resolve("ort-" + level + "-" + onnx.getFileName());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(level);
            options.setOptimizedModelFilePath(saved.toString());
            options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            OrtEnvironment.getEnvironment().createSession(onnx.toString(), options).close();
        }
        return load(saved);
    }

    /** The eager attention blocks: Softmax &lt;- Add mask &lt;- Div or Mul by a constant &lt;- MatMul of two computed tensors. */
    public static List<Block> blocks(ModelProto model) {
        Map<String, NodeProto> producers = producers(model.getGraph());
        List<Block> blocks = new ArrayList<>();
        for (NodeProto softmax : model.getGraph().getNodeList()) {
            if (!softmax.getOpType().equals("Softmax")) {
                continue;
            }
            NodeProto add = producers.get(softmax.getInput(0));
            for (String in : add == null ? List.<String>of() : add.getInputList()) {
                NodeProto scale = producers.get(in);
                if (scale != null && (scale.getOpType().equals("Div") || scale.getOpType().equals("Mul"))) {
                    NodeProto product = producers.get(scale.getInput(0));
                    if (product != null && product.getOpType().equals("MatMul")) {
                        blocks.add(new Block(softmax, scale, product));
                    }
                }
            }
        }
        return blocks;
    }

    /**
     * The SDPA form torch.onnx writes for {@code scaled_dot_product_attention}: no scale after the score MatMul;
     * Q and K^T are each multiplied by {@code Sqrt(scale)} (a Sqrt node over a Constant, as torch writes it)
     * before it. With {@code keyBeforeTranspose}, the key's factor is applied before the Transpose that makes
     * K^T (an exporter that scales K first). With {@code scale} NaN, the scale is computed at run time from
     * the query's shape, {@code 1 / Sqrt(Cast(Slice(Shape(q), -1)))}, as torch writes it before constant folding.
     */
    public static ModelProto sdpaScaled(ModelProto model, float scale, boolean keyBeforeTranspose) {
        GraphProto graph = model.getGraph();
        Map<String, NodeProto> producers = producers(graph);
        List<Block> blocks = blocks(model);
        Map<String, String> renamed = new HashMap<>();
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            Block block = blocks.stream().filter(b -> b.scale().equals(node)).findFirst().orElse(null);
            if (block != null) {
                // The scale after the product goes: its consumers read the product directly.
                renamed.put(node.getOutput(0), node.getInput(0));
                continue;
            }
            Block scored = blocks.stream().filter(b -> b.product().equals(node)).findFirst().orElse(null);
            if (scored == null) {
                nodes.add(node);
                continue;
            }
            String id = node.getOutput(0);
            String root = id + "/sdpa_root";
            if (Float.isNaN(scale)) {
                scaleFromShape(nodes, node.getInput(0), id + "/sdpa_scale");
            } else {
                nodes.add(constant(id + "/sdpa_scale", scale));
            }
            nodes.add(NodeProto.newBuilder().setOpType("Sqrt").addInput(id + "/sdpa_scale").addOutput(root).build());
            String q = multiply(nodes, node.getInput(0), root, id + "/q_scaled");
            String kt;
            NodeProto transpose = producers.get(node.getInput(1));
            if (keyBeforeTranspose && transpose != null && transpose.getOpType().equals("Transpose")) {
                String k = multiply(nodes, transpose.getInput(0), root, id + "/k_scaled");
                kt = id + "/kt_scaled";
                nodes.add(transpose.toBuilder().setName(transpose.getName() + "_scaled").setInput(0, k)
                        .setOutput(0, kt).build());
            } else {
                kt = multiply(nodes, node.getInput(1), root, id + "/kt_scaled");
            }
            nodes.add(node.toBuilder().setInput(0, q).setInput(1, kt).build());
        }
        Set<String> read = new HashSet<>();
        nodes.forEach(n -> read.addAll(n.getInputList()));
        List<NodeProto> rewired = new ArrayList<>();
        for (NodeProto node : nodes) {
            if (node.getOpType().equals("Constant") && !read.contains(node.getOutput(0))) {
                continue; // the removed scale's divisor
            }
            NodeProto.Builder b = node.toBuilder();
            for (int i = 0; i < b.getInputCount(); i++) {
                b.setInput(i, renamed.getOrDefault(b.getInput(i), b.getInput(i)));
            }
            rewired.add(b.build());
        }
        return model.toBuilder().setGraph(graph.toBuilder().clearNode().addAllNode(rewired)).build();
    }

    /**
     * Each score MatMul and the scale after it as one {@code com.microsoft FusedMatMul} with {@code transB=1}
     * over K {@code [B,H,T,d]} and the scale in {@code alpha}: what ONNX Runtime's optimizer writes when K^T is
     * a Transpose of the last two axes.
     */
    public static ModelProto fusedMatMulOverKey(ModelProto model) {
        return fusedMatMul(model, false);
    }

    /**
     * Each score MatMul and the scale after it as one {@code FusedMatMul} with {@code transA=1} over Q^T
     * {@code [B,H,d,T]} (a Transpose of the last two axes of Q) and the scale in {@code alpha}: what ONNX
     * Runtime's MatMul-Transpose fusion writes when the left operand of a product is such a Transpose.
     */
    public static ModelProto fusedMatMulOverQueryTransposed(ModelProto model) {
        return fusedMatMul(model, true);
    }

    private static ModelProto fusedMatMul(ModelProto model, boolean transA) {
        GraphProto graph = model.getGraph();
        Map<String, NodeProto> producers = producers(graph);
        List<Block> blocks = blocks(model);
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            Block block = blocks.stream().filter(b -> b.scale().equals(node) || b.product().equals(node))
                    .findFirst().orElse(null);
            if (block == null) {
                nodes.add(node);
                continue;
            }
            if (node.equals(block.product())) {
                continue; // replaced together with its scale
            }
            String left = block.product().getInput(0);
            String right = block.product().getInput(1);
            if (transA) {
                String queryT = left + "/transposed";
                nodes.add(NodeProto.newBuilder().setOpType("Transpose").setName(queryT).addInput(left)
                        .addOutput(queryT).addAttribute(ints("perm", 0, 1, 3, 2)).build());
                left = queryT;
            } else {
                NodeProto keyT = producers.get(right);
                right = keyT.getOutput(0) + "/untransposed";
                nodes.add(keyT.toBuilder().setName(keyT.getName() + "_key").setOutput(0, right).clearAttribute()
                        .addAttribute(ints("perm", 0, 2, 1, 3)).build());
            }
            float divisor = ((Float) scalarOf(graph, node.getInput(1)));
            float alpha = node.getOpType().equals("Div") ? 1 / divisor : divisor;
            nodes.add(NodeProto.newBuilder().setOpType("FusedMatMul").setDomain("com.microsoft")
                    .addInput(left).addInput(right).addOutput(node.getOutput(0))
                    .addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                            .setF(alpha))
                    .addAttribute(AttributeProto.newBuilder().setName(transA ? "transA" : "transB")
                            .setType(AttributeProto.AttributeType.INT).setI(1))
                    .build());
        }
        ModelProto.Builder rewritten = model.toBuilder().setGraph(graph.toBuilder().clearNode().addAllNode(nodes));
        if (model.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals("com.microsoft"))) {
            rewritten.addOpsetImport(ai.onnx.proto.OnnxMl.OperatorSetIdProto.newBuilder().setDomain("com.microsoft")
                    .setVersion(1));
        }
        return rewritten.build();
    }

    /** How an exporter writes the score product as an Einsum. */
    public enum EinsumLayout {
        /** {@code "bhqd,bhkd->bhqk"} over Q and K {@code [B,H,T,d]}. */
        HEADS_FIRST("bhqd,bhkd->bhqk"),
        /** {@code "bhqd,bhdk->bhqk"} over Q and K^T. */
        KEY_TRANSPOSED("bhqd,bhdk->bhqk"),
        /**
         * keras' MultiHeadAttention as tf2onnx keeps it: {@code einsum("aecd,abcd->acbe", key, query)} over
         * {@code [B,T,N,H]} tensors, the key first and the heads not yet moved before the sequence axis.
         */
        KERAS("aecd,abcd->acbe");

        final String equation;

        EinsumLayout(String equation) {
            this.equation = equation;
        }
    }

    /**
     * Each score MatMul (Q {@code [B,H,T,d]} x K^T {@code [B,H,d,T]}) as an {@code Einsum} in {@code layout}, the
     * scale after it kept: how tf2onnx writes a keras attention layer's score product (Einsum needs opset 12, so
     * the model is taken to opset 15 first).
     */
    public static ModelProto einsumScores(ModelProto original, EinsumLayout layout) {
        ModelProto model = atOpset15(original);
        List<Block> blocks = blocks(model);
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (blocks.stream().noneMatch(b -> b.product().equals(node))) {
                nodes.add(node);
                continue;
            }
            String query = node.getInput(0);
            String key = node.getInput(1);
            if (layout == EinsumLayout.HEADS_FIRST) {
                key = transpose(nodes, key, "/untransposed", 0, 1, 3, 2);
            } else if (layout == EinsumLayout.KERAS) {
                query = transpose(nodes, query, "/sequence_first", 0, 2, 1, 3);
                key = transpose(nodes, key, "/sequence_first", 0, 3, 1, 2);
            }
            List<String> inputs = layout == EinsumLayout.KERAS ? List.of(key, query) : List.of(query, key);
            nodes.add(NodeProto.newBuilder().setOpType("Einsum").setName(node.getName() + "_einsum")
                    .addAllInput(inputs).addOutput(node.getOutput(0))
                    .addAttribute(AttributeProto.newBuilder().setName("equation")
                            .setType(AttributeProto.AttributeType.STRING)
                            .setS(ByteString.copyFromUtf8(layout.equation)))
                    .build());
        }
        return model.toBuilder().setGraph(model.getGraph().toBuilder().clearNode().addAllNode(nodes)).build();
    }

    private static String transpose(List<NodeProto> nodes, String tensor, String suffix, long... perm) {
        String out = tensor + suffix;
        nodes.add(NodeProto.newBuilder().setOpType("Transpose").setName(out).addInput(tensor).addOutput(out)
                .addAttribute(ints("perm", perm)).build());
        return out;
    }

    /**
     * The whole score scale on the query only ({@code Mul(Q, scale)} before the product, none after), as a
     * hand-written attention does with {@code q = q * head_dim**-0.5}.
     */
    public static ModelProto queryScaled(ModelProto model, float scale) {
        List<Block> blocks = blocks(model);
        Map<String, String> renamed = new HashMap<>();
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : model.getGraph().getNodeList()) {
            Block block = blocks.stream().filter(b -> b.scale().equals(node)).findFirst().orElse(null);
            if (block != null) {
                renamed.put(node.getOutput(0), node.getInput(0));
                continue;
            }
            if (blocks.stream().noneMatch(b -> b.product().equals(node))) {
                nodes.add(node);
                continue;
            }
            String id = node.getOutput(0);
            nodes.add(constant(id + "/q_scale", scale));
            String q = multiply(nodes, node.getInput(0), id + "/q_scale", id + "/q_scaled");
            nodes.add(node.toBuilder().setInput(0, q).build());
        }
        List<NodeProto> rewired = new ArrayList<>();
        for (NodeProto node : nodes) {
            NodeProto.Builder b = node.toBuilder();
            for (int i = 0; i < b.getInputCount(); i++) {
                b.setInput(i, renamed.getOrDefault(b.getInput(i), b.getInput(i)));
            }
            rewired.add(b.build());
        }
        return model.toBuilder().setGraph(model.getGraph().toBuilder().clearNode().addAllNode(rewired)).build();
    }

    /** The float value of a one-element Constant node's tensor or initializer. */
    private static Float scalarOf(GraphProto graph, String name) {
        for (TensorProto t : graph.getInitializerList()) {
            if (t.getName().equals(name)) {
                return floats(t)[0];
            }
        }
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Constant") && node.getOutput(0).equals(name)) {
                return floats(node.getAttribute(0).getT())[0];
            }
        }
        throw new IllegalArgumentException(name + " is not a constant");
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /**
     * Every layer's attention probabilities as graph outputs of the model itself (what optimum writes with
     * {@code output_attentions}): one {@code [B,H,T,T]} output per layer, or, {@code stacked}, one
     * {@code [L,B,H,T,T]} output.
     */
    public static ModelProto withAttentionOutputs(ModelProto model, boolean stacked) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        List<Block> blocks = blocks(model);
        if (!stacked) {
            for (int i = 0; i < blocks.size(); i++) {
                graph.addOutput(floatValue(blocks.get(i).softmax().getOutput(0), "batch", "heads", "t", "t"));
            }
            return model.toBuilder().setGraph(graph).build();
        }
        NodeProto.Builder concat = NodeProto.newBuilder().setOpType("Concat").addOutput("attentions")
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(0));
        if (defaultOpset(model) >= 13) {
            graph.addInitializer(TensorProto.newBuilder().setName("attentions/axes").setDataType(
                    TensorProto.DataType.INT64_VALUE).addDims(1).addInt64Data(0));
        }
        for (Block block : blocks) {
            String lifted = block.softmax().getOutput(0) + "/lifted";
            // Unsqueeze takes its axes as an attribute before opset 13 and as an input from 13 on.
            NodeProto.Builder unsqueeze = NodeProto.newBuilder().setOpType("Unsqueeze")
                    .addInput(block.softmax().getOutput(0)).addOutput(lifted);
            if (defaultOpset(model) >= 13) {
                unsqueeze.addInput("attentions/axes");
            } else {
                unsqueeze.addAttribute(AttributeProto.newBuilder().setName("axes")
                        .setType(AttributeProto.AttributeType.INTS).addInts(0));
            }
            graph.addNode(unsqueeze);
            concat.addInput(lifted);
        }
        graph.addNode(concat).addOutput(floatValue("attentions", "layers", "batch", "heads", "t", "t"));
        return model.toBuilder().setGraph(graph).build();
    }

    /**
     * The whole graph in float16, as onnxconverter-common's {@code convert_float_to_float16(keep_io_types=True)}
     * writes it: float initializers, Constant values and Cast targets become float16 (values clipped to
     * float16's range, tiny ones raised to 1e-7 as that tool does), value_info is dropped for ONNX Runtime to
     * infer, and each float output gets a Cast back to float32 so the model's outputs keep their type.
     */
    public static ModelProto float16(ModelProto model) {
        return lowered(model, TensorProto.DataType.FLOAT16_VALUE);
    }

    /**
     * The whole graph in bfloat16, converted the same way as {@link #float16} (inputs and outputs kept float32),
     * the values rounded to nearest even as onnx's {@code float32_to_bfloat16} does.
     */
    public static ModelProto bfloat16(ModelProto model) {
        return lowered(atOpset15(model), TensorProto.DataType.BFLOAT16_VALUE);
    }

    /**
     * The model at opset 15, the first whose Pow, Add, MatMul... all take bfloat16 (exporters that write bfloat16
     * write opset 15 and up): Unsqueeze takes its axes as an input from 13 on; the bundled models need nothing else.
     */
    private static ModelProto atOpset15(ModelProto model) {
        if (defaultOpset(model) >= 15) {
            return model;
        }
        GraphProto.Builder graph = model.getGraph().toBuilder().clearNode();
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (!node.getOpType().equals("Unsqueeze")) {
                graph.addNode(node);
                continue;
            }
            String axes = node.getOutput(0) + "/axes";
            TensorProto.Builder values = TensorProto.newBuilder().setName(axes)
                    .setDataType(TensorProto.DataType.INT64_VALUE);
            node.getAttribute(0).getIntsList().forEach(values::addInt64Data);
            graph.addInitializer(values.addDims(values.getInt64DataCount()));
            graph.addNode(node.toBuilder().clearAttribute().addInput(axes));
        }
        return model.toBuilder().setGraph(graph).clearOpsetImport().addOpsetImport(
                ai.onnx.proto.OnnxMl.OperatorSetIdProto.newBuilder().setVersion(15)).setIrVersion(8).build();
    }

    private static ModelProto lowered(ModelProto model, int type) {
        GraphProto graph = model.getGraph();
        GraphProto.Builder converted = graph.toBuilder().clearInitializer().clearNode().clearValueInfo();
        for (TensorProto t : graph.getInitializerList()) {
            converted.addInitializer(lowered(t, type));
        }
        Map<String, String> outputs = new HashMap<>();
        for (ValueInfoProto output : graph.getOutputList()) {
            if (output.getType().getTensorType().getElemType() == TensorProto.DataType.FLOAT_VALUE) {
                outputs.put(output.getName(), output.getName() + "/lowered");
            }
        }
        for (NodeProto node : graph.getNodeList()) {
            NodeProto.Builder b = node.toBuilder();
            for (int i = 0; i < b.getAttributeCount(); i++) {
                AttributeProto a = b.getAttribute(i);
                if (a.hasT() && a.getT().getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                    b.setAttribute(i, a.toBuilder().setT(lowered(a.getT(), type)));
                } else if (node.getOpType().equals("Cast") && a.getName().equals("to")
                        && a.getI() == TensorProto.DataType.FLOAT_VALUE) {
                    b.setAttribute(i, a.toBuilder().setI(type));
                }
            }
            for (int i = 0; i < b.getOutputCount(); i++) {
                b.setOutput(i, outputs.getOrDefault(b.getOutput(i), b.getOutput(i)));
            }
            for (int i = 0; i < b.getInputCount(); i++) {
                b.setInput(i, outputs.getOrDefault(b.getInput(i), b.getInput(i)));
            }
            converted.addNode(b);
        }
        outputs.forEach((name, low) -> converted.addNode(NodeProto.newBuilder().setOpType("Cast").addInput(low)
                .addOutput(name).addAttribute(AttributeProto.newBuilder().setName("to")
                        .setType(AttributeProto.AttributeType.INT).setI(TensorProto.DataType.FLOAT_VALUE))));
        return model.toBuilder().setGraph(converted).build();
    }

    private static TensorProto lowered(TensorProto t, int type) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            return t;
        }
        float[] values = floats(t);
        if (type == TensorProto.DataType.BFLOAT16_VALUE) {
            ByteBuffer raw = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                int bits = Float.floatToRawIntBits(v);
                raw.putShort((short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16));
            }
            return t.toBuilder().clearFloatData().setDataType(type).setRawData(ByteString.copyFrom(raw.array()))
                    .build();
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            float clipped = Math.max(-65504f, Math.min(65504f, v));
            if (clipped != 0 && Math.abs(clipped) < 1e-7f) {
                clipped = Math.copySign(1e-7f, clipped);
            }
            raw.putShort(Fp16Conversions.floatToFp16(clipped));
        }
        return t.toBuilder().clearFloatData().setDataType(TensorProto.DataType.FLOAT16_VALUE)
                .setRawData(ByteString.copyFrom(raw.array())).build();
    }

    private static float[] floats(TensorProto t) {
        if (t.getFloatDataCount() > 0) {
            float[] values = new float[t.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
            return values;
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.remaining() / 4];
        raw.asFloatBuffer().get(values);
        return values;
    }

    /** {@code out = 1 / sqrt(float(shape(query)[-1]))}, the nodes torch's SDPA export writes for the scale. */
    private static void scaleFromShape(List<NodeProto> nodes, String query, String out) {
        nodes.add(NodeProto.newBuilder().setOpType("Shape").addInput(query).addOutput(out + "/shape").build());
        nodes.add(longs(out + "/start", -1));
        nodes.add(longs(out + "/end", Long.MAX_VALUE));
        nodes.add(NodeProto.newBuilder().setOpType("Slice").addInput(out + "/shape").addInput(out + "/start")
                .addInput(out + "/end").addOutput(out + "/d").build());
        nodes.add(NodeProto.newBuilder().setOpType("Cast").addInput(out + "/d").addOutput(out + "/d_float")
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(TensorProto.DataType.FLOAT_VALUE)).build());
        nodes.add(NodeProto.newBuilder().setOpType("Sqrt").addInput(out + "/d_float").addOutput(out + "/root_d")
                .build());
        nodes.add(constant(out + "/one", 1f));
        nodes.add(NodeProto.newBuilder().setOpType("Div").addInput(out + "/one").addInput(out + "/root_d")
                .addOutput(out).build());
    }

    private static NodeProto longs(String name, long value) {
        return NodeProto.newBuilder().setOpType("Constant").addOutput(name)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addDims(1)
                                .addInt64Data(value)))
                .build();
    }

    private static String multiply(List<NodeProto> nodes, String tensor, String factor, String out) {
        nodes.add(NodeProto.newBuilder().setOpType("Mul").addInput(tensor).addInput(factor).addOutput(out).build());
        return out;
    }

    private static NodeProto constant(String name, float value) {
        return NodeProto.newBuilder().setOpType("Constant").addOutput(name)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE)
                                .addFloatData(value)))
                .build();
    }

    private static ValueInfoProto floatValue(String name, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String dim : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(dim));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static Map<String, NodeProto> producers(GraphProto graph) {
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                producers.put(out, node);
            }
        }
        return producers;
    }

    private static long defaultOpset(ModelProto model) {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals(
                "ai.onnx")).mapToLong(o -> o.getVersion()).max().orElse(0);
    }
}
