package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import shade.com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Nodes added beside a fused attention operator that recompute its probabilities
 * {@code softmax(Q K^T * scale + mask)} from the operator's own inputs, so that ONNX Runtime computes them in
 * the same run. The fused operator itself is left as it was (it only gains readers of its inputs), so the
 * model's own outputs stay bit for bit what they were.
 *
 * <p>Everything here is computed in float32: inputs of another type are cast first. Only default-domain
 * operators that exist from opset 11 on are used, each in the form of the graph's own opset.
 */
final class AttentionSideGraph {
    /** The mask_filter_value of ONNX Runtime's com.microsoft attention operators when they do not set one. */
    private static final float DEFAULT_MASK_FILTER = -10000f;

    private final String prefix;
    private final long opset;
    private final UnaryOperator<String> fresh;
    private final Predicate<String> computed;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();

    /**
     * @param prefix names of added nodes and tensors start with it ({@code headlight/attention3/})
     * @param opset  the default-domain opset the graph imports
     * @param fresh    turns a wanted name into one the graph does not use yet
     * @param computed whether a tensor is the output of a (non-Constant) node of the graph
     */
    AttentionSideGraph(String prefix, long opset, UnaryOperator<String> fresh, Predicate<String> computed) {
        this.prefix = prefix;
        this.opset = opset;
        this.fresh = fresh;
        this.computed = computed;
    }

    /** A side graph for one fused node, its names prefixed with the node's type and position. */
    static AttentionSideGraph beside(NodeProto fused, GraphIndex graph) {
        return new AttentionSideGraph("headlight/" + fused.getOpType() + graph.position(fused) + "/", graph.opset(),
                graph::freshName, tensor -> graph.producer(tensor) != null && !graph.isConstant(tensor));
    }

    /** One layer per node {@code fused} accepts, as {@code build} makes it (null: a node it cannot read). */
    static List<FoundAttention> each(GraphIndex graph, Predicate<NodeProto> fused,
                                     Function<NodeProto, FoundAttention> build) {
        List<FoundAttention> found = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            FoundAttention layer = fused.test(node) ? build.apply(node) : null;
            if (layer != null) {
                found.add(layer);
            }
        }
        return found;
    }

    /** The node's input {@code index}, or null when it is absent or left empty. */
    static String optionalInput(NodeProto node, int index) {
        return index < node.getInputCount() && !node.getInput(index).isEmpty() ? node.getInput(index) : null;
    }

    List<NodeProto> nodes() {
        return List.copyOf(nodes);
    }

    List<TensorProto> initializers() {
        return List.copyOf(initializers);
    }

    /**
     * {@code tensor} as float32: itself when its type is float32, else a Cast of it.
     *
     * <p>A float16 tensor that a node computes is read through {@code Add(x, x)} in float16 first, halved after
     * the Cast. ONNX Runtime's CPU provider runs a node that has a float16 kernel (MatMul) in float32 when every
     * reader of its float16 output lacks one (its InsertCastTransformer's "isolated float16 node"), as the fused
     * attention operators and Add do. A Cast reading that output has a float16 kernel and would keep the node
     * in float16, which moves the model's own outputs (a float16 MultiHeadAttention fed by the Q/K/V MatMuls:
     * 5e-4 on MiniLM's hidden state). Add has no float16 kernel on the CPU, so the node stays in float32 as in
     * the unedited graph; {@code x + x} is exact in float32 where {@code x + 0} would be removed as a no-op. Run in
     * float32 with the casts between dropped, it cannot overflow as a float16 {@code x + x} would past 32752: the
     * read is exact over float16's whole range, subnormals included (Float16ReadTest).
     */
    String asFloat(String tensor, int elementType) {
        if (elementType == TensorProto.DataType.FLOAT_VALUE) {
            return tensor;
        }
        if (elementType == TensorProto.DataType.FLOAT16_VALUE && computed.test(tensor)) {
            String doubled = op("Add", "float16_doubled", List.of(tensor, tensor));
            String cast = op("Cast", "float", List.of(doubled), intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
            return op("Mul", "float_halved", List.of(cast, scalarFloat("half", 0.5f)));
        }
        return op("Cast", "float", List.of(tensor), intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
    }

    /** {@code x W[:, from:to] (+ bias[from:to])}: one of the projections a fused operator packs together. */
    String project(String x, String weight, String bias, long from, long to, String local) {
        String projected = op("MatMul", local, List.of(x, lastAxisSlice(weight, from, to, local + "_weight")));
        if (bias == null) {
            return projected;
        }
        return op("Add", local + "_biased", List.of(projected, lastAxisSlice(bias, from, to, local + "_bias")));
    }

    /** {@code x[..., from:to]}. */
    String lastAxisSlice(String x, long from, long to, String local) {
        return op("Slice", local, List.of(x, longs(local + "_from", from), longs(local + "_to", to),
                longs(local + "_axis", -1)));
    }

    /** {@code [B,S,N*d]} split into heads: {@code [B,N,S,d]}, or {@code [B,N,d,S]} when {@code transposed}. */
    String heads(String x, long heads, boolean transposed, String local) {
        String split = op("Reshape", local + "_split", List.of(x, longs(local + "_shape", 0, 0, heads, -1)));
        return transpose(split, local, transposed ? new long[] {0, 2, 3, 1} : new long[] {0, 2, 1, 3});
    }

    String transpose(String x, String local, long... perm) {
        return op("Transpose", local, List.of(x), intsAttribute("perm", perm));
    }

    /** Element {@code index} of {@code axis}: one part of a packed QKV or KV tensor. */
    String pick(String x, long index, long axis, String local) {
        return op("Gather", local, List.of(x, scalarLong(local + "_index", index)), intAttribute("axis", axis));
    }

    /**
     * {@code x} unchanged, but with a shape ONNX Runtime learns only at run time: its shape inference gives the
     * ONNX Attention operator's {@code qk_matmul_output} a last dimension of 0, and then refuses an output
     * buffer of the real shape.
     */
    String shapedAtRunTime(String x, String local) {
        return op("Reshape", local, List.of(x, op("Shape", local + "_shape", List.of(x))));
    }

    /** Adds {@code addend} to {@code x} (broadcasting). */
    String add(String x, String addend, String local) {
        return op("Add", local, List.of(x, addend));
    }

    /** {@code x} reshaped to {@code shape} (0 copies a dimension, -1 infers one). */
    String reshape(String x, String local, long... shape) {
        return op("Reshape", local, List.of(x, longs(local + "_shape", shape)));
    }

    /**
     * The additive bias ONNX Runtime's attention kernels make of a padding mask: 0 where a key is attended,
     * {@code filter} where it is not, shaped to broadcast over {@code [B,N,S,T]}.
     *
     * @param mask   int mask: {@code [B]} key lengths or {@code [2B]} ends and starts, {@code [B,T]} or {@code [B,S,T]} 1/0 (ONNX Runtime's CPU
     *               kernels refuse the {@code [B,1,M,M]} form)
     * @param rank   the mask's rank (1 to 3)
     * @param keyT   the {@code [B,N,d,T]} transposed key, for T
     */
    private String paddingBias(String mask, int rank, float filter, String keyT) {
        String attended;
        String wide = op("Cast", "mask_int64", List.of(mask), intAttribute("to", TensorProto.DataType.INT64_VALUE));
        if (rank == 1) {
            // [B] end positions, or [2B] end then start positions (left padding): which one only the run
            // knows, as in ONNX Runtime's kernel. As rows [k, B], the ends are row 0 and the starts the sum of
            // the rows less the ends (0 when k = 1).
            String batch = reshape(length(keyT, 0, "batch_size"), "batch_size_1d", 1);
            String rows = op("Reshape", "mask_rows", List.of(wide, op("Concat", "mask_rows_shape",
                    List.of(longs("mask_rows_lead", -1), batch), intAttribute("axis", 0))));
            String ends = pick(rows, 0, 0, "mask_ends");
            String starts = op("Sub", "mask_starts", List.of(reduceSum(rows, "mask_row_sum"), ends));
            String positions = reshape(range(length(keyT, 3, "key_length"), "key_positions"),
                    "key_positions_row", 1, -1);
            String beforeEnd = op("Less", "mask_before_end", List.of(positions, reshape(ends, "mask_ends_column", -1, 1)));
            String beforeStart = op("Less", "mask_before_start", List.of(positions,
                    reshape(starts, "mask_starts_column", -1, 1)));
            attended = op("And", "mask_attended", List.of(beforeEnd, op("Not", "mask_from_start",
                    List.of(beforeStart))));
        } else {
            attended = op("Greater", "mask_attended", List.of(wide, scalarLong("mask_zero", 0)));
        }
        String bias = op("Where", "mask_bias", List.of(attended, scalarFloat("mask_keep", 0f),
                scalarFloat("mask_filter", filter)));
        return rank == 3 ? unsqueeze(bias, "mask_bias_4d", 1) : reshape(bias, "mask_bias_4d", 0, 1, 1, -1);
    }

    /** The bias that keeps each query from the keys after it: {@code [S,T]}, the float minimum above the diagonal. */
    private String causalBias(String query, String keyT) {
        String rows = reshape(range(length(query, 2, "query_length"), "query_positions"), "query_column", -1, 1);
        String columns = reshape(range(length(keyT, 3, "key_length"), "causal_keys"), "key_row", 1, -1);
        String future = op("Greater", "future", List.of(columns, rows));
        return op("Where", "causal_bias", List.of(future, scalarFloat("causal_filter", -Float.MAX_VALUE),
                scalarFloat("causal_keep", 0f)));
    }

    /** {@code q k^T * scale}. */
    private String scores(String query, String keyT, float scale) {
        String product = op("MatMul", "product", List.of(query, keyT));
        return op("Mul", "scores", List.of(product, scalarFloat("scale", scale)));
    }

    /** Softmax over the keys of {@code scores + each bias}. */
    private String probabilities(String scores, List<String> biases) {
        String logits = scores;
        for (int i = 0; i < biases.size(); i++) {
            logits = op("Add", "logits" + i, List.of(logits, biases.get(i)));
        }
        return op("Softmax", "probabilities", List.of(logits), intAttribute("axis", -1));
    }

    /**
     * Ends the side graph of a com.microsoft attention operator: {@code softmax(q k^T * scale + bias)} with
     * the bias its padding mask (input {@code maskInput}), attention_bias (input {@code biasInput}) and
     * unidirectional attribute make, as a found layer.
     */
    FoundAttention foundMasked(NodeProto node, GraphIndex graph, String form, String query, String keyT,
                               float scale, int maskInput, int maskRank, int biasInput) {
        List<String> biases = new ArrayList<>();
        String mask = optionalInput(node, maskInput);
        if (mask != null) {
            biases.add(paddingBias(mask, maskRank,
                    GraphIndex.floatAttribute(node, "mask_filter_value", DEFAULT_MASK_FILTER), keyT));
        }
        String attentionBias = optionalInput(node, biasInput);
        if (attentionBias != null) {
            biases.add(asFloat(attentionBias, graph.elementType(attentionBias)));
        }
        if (GraphIndex.intAttribute(node, "unidirectional", 0) != 0) {
            biases.add(causalBias(query, keyT));
        }
        return found(graph.position(node), form, probabilities(scores(query, keyT, scale), biases), query, keyT,
                scale);
    }

    /** Ends the side graph as a found layer whose probabilities are computed elsewhere. */
    FoundAttention found(int order, String form, String probabilities, String query, String keyT, float scale) {
        return new FoundAttention(order, form, probabilities, query, keyT, true, scale, nodes(), initializers());
    }

    /**
     * A copy of {@code node} beside it that also computes its optional output {@code index}, with
     * {@code attribute} set to {@code value}; the copy's other outputs get names of their own, unread.
     *
     * @return the name of that output
     */
    String copyWithOutput(NodeProto node, int index, String local, String attribute, long value) {
        NodeProto.Builder copy = node.toBuilder().clearOutput().setName(name(local + "_node"));
        String wanted = name(local);
        for (int i = 0; i <= index; i++) {
            copy.addOutput(i == index ? wanted : i == 0 ? name(local + "_unread") : "");
        }
        copy.clearAttribute();
        for (AttributeProto a : node.getAttributeList()) {
            if (!a.getName().equals(attribute)) {
                copy.addAttribute(a);
            }
        }
        copy.addAttribute(intAttribute(attribute, value));
        nodes.add(copy.build());
        return wanted;
    }

    /** The size of one axis of {@code x}, as an int64 scalar. */
    private String length(String x, long axis, String local) {
        String shape = op("Shape", local + "_of", List.of(x));
        return op("Gather", local, List.of(shape, scalarLong(local + "_axis", axis)), intAttribute("axis", 0));
    }

    /** {@code 0, 1, ..., n-1} for an int64 scalar n. */
    private String range(String n, String local) {
        return op("Range", local, List.of(scalarLong(local + "_start", 0), n, scalarLong(local + "_step", 1)));
    }

    /** The sum over axis 0, that axis dropped. */
    private String reduceSum(String x, String local) {
        if (opset >= 13) {
            return op("ReduceSum", local, List.of(x, longs(local + "_axes", 0)), intAttribute("keepdims", 0));
        }
        return op("ReduceSum", local, List.of(x), intsAttribute("axes", 0), intAttribute("keepdims", 0));
    }

    private String unsqueeze(String x, String local, long... axes) {
        if (opset >= 13) {
            return op("Unsqueeze", local, List.of(x, longs(local + "_axes", axes)));
        }
        return op("Unsqueeze", local, List.of(x), intsAttribute("axes", axes));
    }

    /** Adds one {@code type} node reading {@code inputs}; returns its output's name. */
    String op(String type, String local, List<String> inputs, AttributeProto... attributes) {
        String output = name(local);
        nodes.add(NodeProto.newBuilder().setOpType(type).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(Arrays.asList(attributes)).build());
        return output;
    }

    private String name(String local) {
        return fresh.apply(prefix + local);
    }

    private String longs(String local, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return initializer(local, TensorProto.DataType.INT64_VALUE, raw.array(), values.length);
    }

    private String scalarLong(String local, long value) {
        byte[] raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        return initializer(local, TensorProto.DataType.INT64_VALUE, raw, -1);
    }

    private String scalarFloat(String local, float value) {
        byte[] raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
        return initializer(local, TensorProto.DataType.FLOAT_VALUE, raw, -1);
    }

    /** An initializer of {@code length} elements, or a scalar when {@code length} is negative. */
    private String initializer(String local, int type, byte[] raw, int length) {
        String name = name(local);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(raw));
        if (length >= 0) {
            t.addDims(length);
        }
        initializers.add(t.build());
        return name;
    }

    /** An INT attribute, for any side graph the surgeon adds. */
    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** An INTS attribute, for any side graph the surgeon adds. */
    static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** A float32 tensor of any shape named {@code name}, as a graph output or a branch's output is declared. */
    static ValueInfoProto floatValue(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))).build();
    }
}
