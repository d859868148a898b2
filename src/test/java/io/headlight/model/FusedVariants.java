package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import shade.com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bundled model rewritten the way attention-fusing tools write it: each layer's Q/K/V projections, score
 * MatMul, scale, mask add, Softmax and context MatMul/Transpose/Reshape replaced by one fused operator
 * (com.microsoft {@code Attention} or {@code MultiHeadAttention}, or ONNX {@code Attention} of opset 23), with
 * the same weights. The layers are found by structure, as in a BERT export from torch.onnx.
 */
final class FusedVariants {
    private static final String MS = "com.microsoft";

    /** How the com.microsoft Attention variant passes the mask, as ONNX Runtime's fusion can write it. */
    enum MaskIndex {
        /** {@code [B]} int32 lengths of right-padded rows (ReduceSum of the mask). */
        LENGTHS,
        /**
         * {@code [2B]} int32: B end positions (exclusive), then B start positions, of left-padded rows (the
         * last ReduceSum(mask) positions are the text).
         */
        ENDS_STARTS,
        /** {@code [B,S]} int32 0/1 (the mask cast). */
        RAW,
        /** {@code [B,S,S]} int32 0/1, one row per query. */
        RAW_3D,
        /** {@code [B,1,M,M]} int32 0/1 with M the sequence length (Megatron's form). */
        RAW_4D
    }

    private final ModelProto model;
    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Set<NodeProto> removed = new HashSet<>();
    private final List<NodeProto> added = new ArrayList<>();
    private final List<TensorProto> addedInitializers = new ArrayList<>();

    private FusedVariants(ModelProto model) {
        this.model = model;
        this.graph = model.getGraph();
        for (NodeProto node : graph.getNodeList()) {
            node.getOutputList().forEach(out -> producers.put(out, node));
            node.getInputList().forEach(in -> consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node));
        }
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Softmax")) {
                layers.add(layer(node));
            }
        }
        if (layers.isEmpty()) {
            throw new AssertionError("no attention layer in the model");
        }
    }

    /** One com.microsoft Attention per layer: packed weights [h, 3h], bias [3h], mask_index from attention_mask. */
    static ModelProto contribAttention(ModelProto original, MaskIndex form) {
        FusedVariants v = new FusedVariants(original);
        String maskIndex = v.op("Cast", List.of("attention_mask"), "variant/mask_int32",
                intAttr("to", TensorProto.DataType.INT32_VALUE));
        if (form == MaskIndex.LENGTHS) {
            maskIndex = v.op("ReduceSum", List.of(maskIndex), "variant/mask_lengths",
                    intsAttr("axes", 1), intAttr("keepdims", 0));
        } else if (form == MaskIndex.ENDS_STARTS) {
            String lengths = v.op("ReduceSum", List.of(maskIndex), "variant/mask_lengths",
                    intsAttr("axes", 1), intAttr("keepdims", 0));
            String t = v.op("Cast", List.of(v.sequenceLength()), "variant/length_int32",
                    intAttr("to", TensorProto.DataType.INT32_VALUE));
            String ends = v.op("Add", List.of(v.op("Sub", List.of(lengths, lengths), "variant/zeros"), t),
                    "variant/mask_ends");
            String starts = v.op("Sub", List.of(ends, lengths), "variant/mask_starts");
            maskIndex = v.op("Concat", List.of(ends, starts), "variant/mask_ends_starts", intAttr("axis", 0));
        } else if (form == MaskIndex.RAW_3D || form == MaskIndex.RAW_4D) {
            boolean four = form == MaskIndex.RAW_4D;
            String length = v.sequenceLength();
            String rows = v.op("Unsqueeze", List.of(maskIndex), "variant/mask_rows",
                    four ? intsAttr("axes", 1, 2) : intsAttr("axes", 1));
            String shape = v.op("Concat", List.of(v.longs("variant/mask_lead", four ? new long[] {1, 1} : new long[] {1}),
                    length, v.longs("variant/mask_tail", 1)), "variant/mask_square", intAttr("axis", 0));
            maskIndex = v.op("Expand", List.of(rows, shape), "variant/mask_" + (four ? "4d" : "3d"));
        }
        for (Layer l : v.layers) {
            v.removeAttention(l);
            String w = v.concat(l.index + "/qkv_weight", true, l.q.weight, l.k.weight, l.v.weight);
            String b = v.concat(l.index + "/qkv_bias", false, l.q.bias, l.k.bias, l.v.bias);
            v.added.add(node("Attention", List.of(l.q.input, w, b, maskIndex), l.merged.getOutput(0),
                    intAttr("num_heads", l.heads)).toBuilder().setDomain(MS).build());
        }
        return v.build(List.of(msOpset()), 0);
    }

    /**
     * One com.microsoft QAttention per layer, as ONNX Runtime's quantize_dynamic writes it over a fused graph: the
     * layer input quantized at run time by DynamicQuantizeLinear (uint8, its scale and zero point), the packed
     * weights int8 symmetric per tensor, the bias float, the mask as {@code [B]} lengths.
     */
    static ModelProto quantizedAttention(ModelProto original) {
        return quantizedAttention(original, false);
    }

    /**
     * As {@link #quantizedAttention(ModelProto)}, with the weights' scale and zero point per column ({@code [3H]},
     * quantize_dynamic's {@code per_channel}) when {@code perColumn}.
     */
    static ModelProto quantizedAttention(ModelProto original, boolean perColumn) {
        FusedVariants v = new FusedVariants(original);
        String mask = v.op("Cast", List.of("attention_mask"), "variant/mask_int32",
                intAttr("to", TensorProto.DataType.INT32_VALUE));
        String lengths = v.op("ReduceSum", List.of(mask), "variant/mask_lengths", intsAttr("axes", 1),
                intAttr("keepdims", 0));
        for (Layer l : v.layers) {
            v.removeAttention(l);
            String w = v.concat(l.index + "/qkv_weight", true, l.q.weight, l.k.weight, l.v.weight);
            TensorProto packed = v.addedInitializers.stream().filter(t -> t.getName().equals(w)).findFirst()
                    .orElseThrow();
            v.addedInitializers.remove(packed);
            float[] values = floats(packed);
            int columns = (int) packed.getDims(1);
            float[] scales = new float[perColumn ? columns : 1];
            for (int i = 0; i < values.length; i++) {
                int c = perColumn ? i % columns : 0;
                scales[c] = Math.max(scales[c], Math.abs(values[i]) / 127);
            }
            byte[] quantized = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                quantized[i] = (byte) Math.round(values[i] / scales[perColumn ? i % columns : 0]);
            }
            String prefix = "variant/" + l.index + "/";
            v.addedInitializers.add(TensorProto.newBuilder().setName(prefix + "qkv_weight_int8")
                    .setDataType(TensorProto.DataType.INT8_VALUE).addAllDims(packed.getDimsList())
                    .setRawData(ByteString.copyFrom(quantized)).build());
            TensorProto.Builder scale = TensorProto.newBuilder().setName(prefix + "qkv_weight_scale")
                    .setDataType(TensorProto.DataType.FLOAT_VALUE);
            TensorProto.Builder zero = TensorProto.newBuilder().setName(prefix + "qkv_weight_zero")
                    .setDataType(TensorProto.DataType.INT8_VALUE).setRawData(ByteString.copyFrom(
                            new byte[scales.length]));
            if (perColumn) {
                scale.addDims(columns);
                zero.addDims(columns);
            }
            for (float x : scales) {
                scale.addFloatData(x);
            }
            v.addedInitializers.add(scale.build());
            v.addedInitializers.add(zero.build());
            String b = v.concat(l.index + "/qkv_bias", false, l.q.bias, l.k.bias, l.v.bias);
            v.added.add(NodeProto.newBuilder().setOpType("DynamicQuantizeLinear").setName(prefix + "input_quantized")
                    .addInput(l.q.input).addOutput(prefix + "input_uint8").addOutput(prefix + "input_scale")
                    .addOutput(prefix + "input_zero").build());
            v.added.add(node("QAttention", List.of(prefix + "input_uint8", prefix + "qkv_weight_int8", b,
                            prefix + "input_scale", prefix + "qkv_weight_scale", lengths, prefix + "input_zero",
                            prefix + "qkv_weight_zero"), l.merged.getOutput(0), intAttr("num_heads", l.heads))
                    .toBuilder().setDomain(MS).build());
        }
        return v.build(List.of(msOpset()), 0);
    }

    /**
     * One com.microsoft MultiHeadAttention per layer on the kept projections, with the bias passed to it
     * ({@code biasInside}) or left on the projections, and the padding mask as key_padding_mask.
     */
    static ModelProto multiHeadAttention(ModelProto original, boolean biasInside) {
        FusedVariants v = new FusedVariants(original);
        String mask = v.op("Cast", List.of("attention_mask"), "variant/mask_int32",
                intAttr("to", TensorProto.DataType.INT32_VALUE));
        for (Layer l : v.layers) {
            v.removeAttention(l);
            List<String> inputs = new ArrayList<>();
            for (Projection p : List.of(l.q, l.k, l.v)) {
                v.removed.remove(p.matMul);
                if (biasInside) {
                    inputs.add(p.matMul.getOutput(0));
                } else {
                    v.removed.remove(p.addBias);
                    inputs.add(p.biased);
                }
            }
            inputs.add(biasInside ? v.concat(l.index + "/qkv_bias", false, l.q.bias, l.k.bias, l.v.bias) : "");
            inputs.add(mask);
            v.added.add(node("MultiHeadAttention", inputs, l.merged.getOutput(0), intAttr("num_heads", l.heads))
                    .toBuilder().setDomain(MS).build());
        }
        return v.build(List.of(msOpset()), 0);
    }

    /**
     * One ONNX Attention (opset 23) per layer, on Q/K/V split into heads {@code [B,H,S,d]} ({@code split}) or
     * on the projections {@code [B,S,h]} with q_num_heads/kv_num_heads; the model's additive mask widened to
     * {@code [B,1,S,S]}, which ONNX Runtime's CPU kernel takes (it refuses {@code [B,1,1,S]}).
     */
    static ModelProto onnxAttention(ModelProto original, boolean split) {
        FusedVariants v = new FusedVariants(original);
        String length = v.sequenceLength();
        String square = v.op("Concat", List.of(v.longs("variant/ones", 1, 1), length, length),
                "variant/square", intAttr("axis", 0));
        String mask = null;
        for (Layer l : v.layers) {
            if (mask == null) {
                mask = v.op("Expand", List.of(l.mask, square), "variant/attn_mask");
            }
            v.removed.addAll(List.of(l.scores, l.scale, l.masked, l.softmax, l.context));
            if (split) {
                v.removed.add(l.keyTransposed);
                String key = v.op("Transpose", List.of(l.keyTransposed.getInput(0)), l.index + "/key_heads",
                        intsAttr("perm", 0, 2, 1, 3));
                v.added.add(node("Attention", List.of(l.queryHeads, key, l.valueHeads, mask),
                        l.context.getOutput(0)));
            } else {
                v.removeAttention(l);
                for (Projection p : List.of(l.q, l.k, l.v)) {
                    v.removed.remove(p.matMul);
                    v.removed.remove(p.addBias);
                }
                v.added.add(node("Attention", List.of(l.q.biased, l.k.biased, l.v.biased, mask),
                        l.merged.getOutput(0), intAttr("q_num_heads", l.heads), intAttr("kv_num_heads", l.heads)));
            }
        }
        return v.build(List.of(), 23);
    }

    /**
     * A fused variant with each attention output projection's bias moved into a com.microsoft
     * {@code SkipLayerNormalization}, as ONNX Runtime's transformer optimizer writes it: the bias Add and the
     * residual Add after the projection's MatMul become one node with the bias as its 5th input. Its 4th output
     * (input + skip + bias) feeds the model's own layer norm, so only where the bias is added changes.
     */
    static ModelProto biasInSkipLayerNorm(ModelProto fused) {
        GraphProto graph = fused.getGraph();
        Map<String, TensorProto> constants = new HashMap<>();
        graph.getInitializerList().forEach(t -> constants.put(t.getName(), t));
        Map<String, List<NodeProto>> readers = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getInputList().forEach(
                in -> readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n)));
        Map<NodeProto, NodeProto> replaced = new HashMap<>();
        Set<NodeProto> dropped = new HashSet<>();
        List<TensorProto> added = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!node.getDomain().equals(MS) || !node.getOpType().contains("Attention")) {
                continue;
            }
            NodeProto matMul = only(readers, node.getOutput(0), "MatMul");
            NodeProto biasAdd = only(readers, matMul.getOutput(0), "Add");
            String bias = biasAdd.getInput(biasAdd.getInput(0).equals(matMul.getOutput(0)) ? 1 : 0);
            NodeProto residualAdd = only(readers, biasAdd.getOutput(0), "Add");
            String residual = residualAdd.getInput(residualAdd.getInput(0).equals(biasAdd.getOutput(0)) ? 1 : 0);
            int hidden = floats(constants.get(bias)).length;
            String prefix = "variant/skip_ln/" + node.getOutput(0);
            float[] ones = new float[hidden];
            java.util.Arrays.fill(ones, 1f);
            added.add(floatTensor(prefix + "/gamma", ones));
            added.add(floatTensor(prefix + "/beta", new float[hidden]));
            NodeProto skip = NodeProto.newBuilder().setOpType("SkipLayerNormalization").setDomain(MS)
                    .setName(prefix).addAllInput(List.of(matMul.getOutput(0), residual, prefix + "/gamma",
                            prefix + "/beta", bias))
                    .addAllOutput(List.of(prefix + "/normalized_unread", "", "", residualAdd.getOutput(0)))
                    .addAttribute(AttributeProto.newBuilder().setName("epsilon")
                            .setType(AttributeProto.AttributeType.FLOAT).setF(1e-12f)).build();
            dropped.add(biasAdd);
            replaced.put(residualAdd, skip);
        }
        if (replaced.isEmpty()) {
            throw new AssertionError("no com.microsoft attention operator to follow");
        }
        GraphProto.Builder g = graph.toBuilder().clearNode().addAllInitializer(added);
        for (NodeProto node : graph.getNodeList()) {
            if (!dropped.contains(node)) {
                g.addNode(replaced.getOrDefault(node, node));
            }
        }
        return fused.toBuilder().setGraph(g).build();
    }

    private static NodeProto only(Map<String, List<NodeProto>> readers, String tensor, String type) {
        List<NodeProto> found = readers.getOrDefault(tensor, List.of()).stream()
                .filter(n -> n.getOpType().equals(type)).toList();
        if (found.size() != 1) {
            throw new AssertionError(tensor + " is read by " + found.size() + " " + type + " nodes, not one");
        }
        return found.get(0);
    }

    private static TensorProto floatTensor(String name, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(raw.array())).build();
    }

    /** The sequence length, {@code [1]}, from the attention mask's shape. */
    private String sequenceLength() {
        return op("Gather", List.of(op("Shape", List.of("attention_mask"), "variant/mask_shape"),
                longs("variant/one", 1)), "variant/length", intAttr("axis", 0));
    }

    /** The nodes of one projection {@code x W + b}. */
    private record Projection(String input, NodeProto matMul, NodeProto addBias, String weight, String bias,
                              String biased) {
    }

    /** One layer's self-attention as the torch.onnx BERT export writes it. */
    private record Layer(int index, long heads, Projection q, Projection k, Projection v, String queryHeads,
                         NodeProto keyTransposed, String valueHeads, List<NodeProto> splits, NodeProto scores,
                         NodeProto scale, NodeProto masked, String mask, NodeProto softmax, NodeProto context,
                         NodeProto contextTransposed, NodeProto merged) {
    }

    private Layer layer(NodeProto softmax) {
        NodeProto masked = producer(softmax.getInput(0), "Add");
        NodeProto scale = producers.get(masked.getInput(0));
        String mask = masked.getInput(1);
        if (!scale.getOpType().equals("Div")) {
            scale = producer(masked.getInput(1), "Div");
            mask = masked.getInput(0);
        }
        NodeProto scores = producer(scale.getInput(0), "MatMul");
        NodeProto queryT = producer(scores.getInput(0), "Transpose");
        NodeProto keyT = producer(scores.getInput(1), "Transpose");
        NodeProto context = only(softmax.getOutput(0), "MatMul");
        NodeProto valueT = producer(context.getInput(1), "Transpose");
        NodeProto contextT = only(context.getOutput(0), "Transpose");
        NodeProto merged = only(contextT.getOutput(0), "Reshape");
        NodeProto queryReshape = producer(queryT.getInput(0), "Reshape");
        NodeProto keyReshape = producer(keyT.getInput(0), "Reshape");
        NodeProto valueReshape = producer(valueT.getInput(0), "Reshape");
        Projection q = projection(queryReshape.getInput(0));
        Projection k = projection(keyReshape.getInput(0));
        Projection v = projection(valueReshape.getInput(0));
        long hidden = initializers.get(q.weight).getDims(1);
        long headSize = headSize(queryReshape);
        return new Layer(layers.size(), hidden / headSize, q, k, v, queryT.getOutput(0), keyT,
                valueT.getOutput(0), List.of(queryReshape, keyReshape, valueReshape, queryT, valueT), scores,
                scale, masked, mask, softmax, context, contextT, merged);
    }

    /** The head size: the last entry of the shape the query is reshaped to. */
    private long headSize(NodeProto reshape) {
        NodeProto concat = producer(reshape.getInput(1), "Concat");
        String last = concat.getInput(concat.getInputCount() - 1);
        NodeProto constant = producer(last, "Constant");
        return longsOf(constant.getAttribute(0).getT())[0];
    }

    private Projection projection(String biased) {
        NodeProto add = producer(biased, "Add");
        int biasSide = initializers.containsKey(add.getInput(0)) ? 0 : 1;
        NodeProto matMul = producer(add.getInput(1 - biasSide), "MatMul");
        return new Projection(matMul.getInput(0), matMul, add, matMul.getInput(1), add.getInput(biasSide), biased);
    }

    /** Marks a layer's attention, from the projections to the merged heads, for removal. */
    private void removeAttention(Layer l) {
        for (Projection p : List.of(l.q, l.k, l.v)) {
            removed.add(p.matMul);
            removed.add(p.addBias);
        }
        removed.addAll(l.splits);
        removed.addAll(List.of(l.keyTransposed, l.scores, l.scale, l.masked, l.softmax, l.context,
                l.contextTransposed, l.merged));
    }

    /** The rewritten model: unused nodes pruned, at the model's opset or {@code newOpset}. */
    private ModelProto build(List<OperatorSetIdProto> extraOpsets, long newOpset) {
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!removed.contains(node)) {
                nodes.add(newOpset > 0 ? upgraded(node) : node);
            }
        }
        nodes.addAll(added);
        List<NodeProto> kept = pruned(nodes);
        Set<String> read = new HashSet<>();
        kept.forEach(n -> read.addAll(n.getInputList()));
        GraphProto.Builder g = graph.toBuilder().clearNode().addAllNode(kept).clearInitializer();
        for (TensorProto t : graph.getInitializerList()) {
            if (read.contains(t.getName())) {
                g.addInitializer(t);
            }
        }
        addedInitializers.stream().filter(t -> read.contains(t.getName())).forEach(g::addInitializer);
        ModelProto.Builder m = model.toBuilder().setGraph(g);
        if (newOpset > 0) {
            m.clearOpsetImport().addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(newOpset)).setIrVersion(11);
        }
        m.addAllOpsetImport(extraOpsets);
        return m.build();
    }

    /** The nodes the graph's outputs depend on, in their order. */
    private List<NodeProto> pruned(List<NodeProto> nodes) {
        Map<String, NodeProto> producedBy = new HashMap<>();
        nodes.forEach(n -> n.getOutputList().forEach(o -> producedBy.put(o, n)));
        Set<NodeProto> needed = new HashSet<>();
        ArrayDeque<String> wanted = new ArrayDeque<>();
        graph.getOutputList().forEach(o -> wanted.add(o.getName()));
        while (!wanted.isEmpty()) {
            NodeProto n = producedBy.get(wanted.poll());
            if (n != null && needed.add(n)) {
                wanted.addAll(n.getInputList());
            }
        }
        // Nodes must stay topologically sorted: added ones go where their last input is ready.
        List<NodeProto> sorted = new ArrayList<>();
        Set<String> ready = new HashSet<>(initializers.keySet());
        addedInitializers.forEach(t -> ready.add(t.getName()));
        graph.getInputList().forEach(i -> ready.add(i.getName()));
        ready.add("");
        List<NodeProto> pending = new ArrayList<>(nodes.stream().filter(needed::contains).toList());
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (int i = 0; i < pending.size(); i++) {
                NodeProto n = pending.get(i);
                if (ready.containsAll(n.getInputList())) {
                    sorted.add(n);
                    ready.addAll(n.getOutputList());
                    pending.remove(i--);
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new AssertionError("the variant reads tensors nothing computes: " + pending.get(0));
            }
        }
        return sorted;
    }

    /** The node in its opset-23 form: Unsqueeze and ReduceMean take their axes as an input there. */
    private NodeProto upgraded(NodeProto node) {
        if (!node.getOpType().equals("Unsqueeze") && !node.getOpType().equals("ReduceMean")) {
            return node;
        }
        NodeProto.Builder b = node.toBuilder().clearAttribute();
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("axes")) {
                String axes = node.getOutput(0) + "/axes";
                addedInitializers.add(longTensor(axes, a.getIntsList().stream().mapToLong(Long::longValue).toArray()));
                b.addInput(axes);
            } else {
                b.addAttribute(a);
            }
        }
        return b.build();
    }

    private String concat(String name, boolean columns, String... parts) {
        List<float[]> values = new ArrayList<>();
        long rows = 1;
        long width = 0;
        for (String part : parts) {
            TensorProto t = initializers.get(part);
            values.add(floats(t));
            rows = columns ? t.getDims(0) : 1;
            width += t.getDims(t.getDimsCount() - 1);
        }
        ByteBuffer raw = ByteBuffer.allocate((int) (4 * rows * width)).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (float[] v : values) {
                int w = (int) (v.length / rows);
                for (int c = 0; c < w; c++) {
                    raw.putFloat(v[r * w + c]);
                }
            }
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName("variant/" + name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(raw.array()));
        if (columns) {
            t.addDims(rows);
        }
        addedInitializers.add(t.addDims(width).build());
        return t.getName();
    }

    private String op(String type, List<String> inputs, String output, AttributeProto... attributes) {
        added.add(node(type, inputs, output, attributes));
        return output;
    }

    private String longs(String name, long... values) {
        addedInitializers.add(longTensor(name, values));
        return name;
    }

    private NodeProto producer(String tensor, String type) {
        NodeProto n = producers.get(tensor);
        if (n == null || !n.getOpType().equals(type)) {
            throw new AssertionError(tensor + " is not computed by a " + type + " but by " + n);
        }
        return n;
    }

    private NodeProto only(String tensor, String type) {
        return onlyReader(consumers, tensor, type);
    }

    /** The one {@code type} node reading {@code tensor} (Shape nodes may read it too). */
    static NodeProto onlyReader(Map<String, List<NodeProto>> consumers, String tensor, String type) {
        List<NodeProto> readers = consumers.getOrDefault(tensor, List.of()).stream()
                .filter(n -> n.getOpType().equals(type)).toList();
        if (readers.size() != 1) {
            throw new AssertionError(tensor + " is read by " + readers.size() + " " + type + " nodes, not one");
        }
        return readers.get(0);
    }

    private static NodeProto node(String type, List<String> inputs, String output, AttributeProto... attributes) {
        return NodeProto.newBuilder().setOpType(type).setName("variant/" + output).addAllInput(inputs)
                .addOutput(output).addAllAttribute(List.of(attributes)).build();
    }

    private static OperatorSetIdProto msOpset() {
        return OperatorSetIdProto.newBuilder().setDomain(MS).setVersion(1).build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static TensorProto longTensor(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(raw.array())).build();
    }

    private static long[] longsOf(TensorProto t) {
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[raw.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = raw.getLong(8 * i);
        }
        return out;
    }

    private static float[] floats(TensorProto t) {
        FloatBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[raw.remaining()];
        raw.get(out);
        return out;
    }
}
