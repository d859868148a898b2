package io.headlight.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bundled model as ONNX Runtime's transformer optimizer writes it for BERT ({@code python -m
 * onnxruntime.transformers.optimizer --model_type bert}, and optimum's {@code --optimize O2}): on top of one
 * com.microsoft {@code Attention} per layer, every decomposed LayerNorm fused, the residual Add and the dense
 * layer's bias Add before it folded into {@code SkipLayerNormalization} (input = the residual, skip = the dense
 * MatMul's output, then gamma, beta, and the bias as its 5th input), and each FFN's bias Add plus erf GELU into
 * {@code BiasGelu}. The embeddings become one {@code EmbedLayerNormalization} whose {@code mask_index} output
 * feeds every Attention, or, in optimum's flavour (it sets {@code disable_embed_layer_norm}), stay Gathers and
 * Adds into a {@code LayerNormalization}, with {@code ReduceSum(Cast(attention_mask))} as the mask index; its
 * {@code -O3} also approximates the GELU by {@code FastGelu}.
 * Found by structure, as the optimizer's fusions match it.
 */
final class OptimizerVariants {
    private static final String MS = "com.microsoft";

    /** Which tool's output. */
    enum Flavour {
        /** onnxruntime.transformers.optimizer defaults: EmbedLayerNormalization and its mask_index. */
        TRANSFORMER_OPTIMIZER,
        /** optimum -O2: embeddings left to a LayerNormalization, the mask index a ReduceSum of the mask. */
        OPTIMUM_O2,
        /** optimum -O3: as -O2, with the GELU approximated by FastGelu. */
        OPTIMUM_O3
    }

    /** One decomposed LayerNorm: {@code (x - mean) / sqrt(var + eps) * gamma + beta}. */
    private record Norm(String x, String gamma, String beta, float epsilon, List<NodeProto> nodes, NodeProto last) {
    }

    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> initializers = new HashSet<>();
    private final Map<NodeProto, NodeProto> replaced = new HashMap<>();
    private final Set<NodeProto> dropped = new HashSet<>();
    private final List<NodeProto> first = new ArrayList<>();

    private OptimizerVariants(GraphProto graph) {
        this.graph = graph;
        for (NodeProto node : graph.getNodeList()) {
            node.getOutputList().forEach(out -> producers.put(out, node));
            node.getInputList().forEach(in -> consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node));
        }
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
    }

    static ModelProto optimized(ModelProto original, Flavour flavour) {
        return optimizedAround(FusedVariants.contribAttention(original, FusedVariants.MaskIndex.LENGTHS), flavour);
    }

    /**
     * ONNX Runtime's quantize_dynamic over the transformer optimizer's output: QAttention (as
     * {@link FusedVariants#quantizedAttention}) reading EmbedLayerNormalization's mask_index, between the same
     * SkipLayerNormalizations and BiasGelus.
     */
    static ModelProto quantized(ModelProto original) {
        return optimizedAround(FusedVariants.quantizedAttention(original), Flavour.TRANSFORMER_OPTIMIZER);
    }

    private static ModelProto optimizedAround(ModelProto fused, Flavour flavour) {
        OptimizerVariants v = new OptimizerVariants(fused.getGraph());
        String maskIndex = null;
        for (NodeProto sqrt : fused.getGraph().getNodeList()) {
            if (!sqrt.getOpType().equals("Sqrt")) {
                continue;
            }
            Norm norm = v.norm(sqrt);
            if (!v.skipNorm(norm)) {
                if (flavour == Flavour.TRANSFORMER_OPTIMIZER) {
                    maskIndex = v.embedNorm(norm);
                } else {
                    v.replace(norm, NodeProto.newBuilder().setOpType("LayerNormalization")
                            .addAllInput(List.of(norm.x, norm.gamma, norm.beta))
                            .addAttribute(intAttr("axis", -1)).addAttribute(floatAttr("epsilon", norm.epsilon)));
                }
            }
        }
        v.gelus(flavour == Flavour.OPTIMUM_O3 ? "FastGelu" : "BiasGelu");
        return v.rebuilt(fused, maskIndex);
    }

    /**
     * The original with only its erf GELUs (and their bias Adds) replaced by FastGelu, attention left as it
     * was: the function optimum's -O3 output computes, for comparing that output with.
     */
    static ModelProto fastGeluOnly(ModelProto original) {
        OptimizerVariants v = new OptimizerVariants(original.getGraph());
        v.gelus("FastGelu");
        return v.rebuilt(original, null).toBuilder().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS)
                .setVersion(1)).build();
    }

    private void gelus(String type) {
        for (NodeProto erf : graph.getNodeList()) {
            if (erf.getOpType().equals("Erf")) {
                biasGelu(erf, type);
            }
        }
    }

    /** {@code model} with the rewrites made, every (Q)Attention reading {@code maskIndex} if given. */
    private ModelProto rebuilt(ModelProto model, String maskIndex) {
        List<NodeProto> nodes = new ArrayList<>(first);
        for (NodeProto node : graph.getNodeList()) {
            NodeProto now = replaced.getOrDefault(node, node);
            if (maskIndex != null && now.getDomain().equals(MS) && now.getOpType().endsWith("Attention")) {
                now = now.toBuilder().setInput(now.getOpType().equals("QAttention") ? 5 : 3, maskIndex).build();
            }
            if (!dropped.contains(node) || replaced.containsKey(node)) {
                nodes.add(now);
            }
        }
        return model.toBuilder().setGraph(pruned(nodes)).build();
    }

    /** The LayerNorm around a Sqrt: ReduceMean, Sub, Pow, ReduceMean, Add eps, Sqrt, Div, Mul gamma, Add beta. */
    private Norm norm(NodeProto sqrt) {
        NodeProto addEps = producers.get(sqrt.getInput(0));
        NodeProto variance = producers.get(addEps.getInput(0));
        NodeProto pow = producers.get(variance.getInput(0));
        NodeProto centred = producers.get(pow.getInput(0));
        NodeProto mean = producers.get(centred.getInput(1));
        NodeProto div = only(sqrt.getOutput(0), "Div");
        NodeProto mul = only(div.getOutput(0), "Mul");
        NodeProto add = only(mul.getOutput(0), "Add");
        float epsilon = scalar(addEps.getInput(1));
        return new Norm(centred.getInput(0), other(mul, div.getOutput(0)), other(add, mul.getOutput(0)), epsilon,
                List.of(mean, centred, pow, variance, addEps, sqrt, div, mul, add), add);
    }

    /**
     * Fuses {@code LayerNorm(residual + (x W + bias))} into SkipLayerNormalization as ONNX Runtime's
     * FusionBiasSkipLayerNormalization writes it; false when the norm's input is no such sum.
     */
    private boolean skipNorm(Norm norm) {
        NodeProto sum = producers.get(norm.x);
        if (sum == null || !sum.getOpType().equals("Add")) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            NodeProto biased = producers.get(sum.getInput(side));
            int bias = biased == null || !biased.getOpType().equals("Add") ? -1 : biasIndex(biased);
            NodeProto matMul = bias < 0 ? null : producers.get(biased.getInput(1 - bias));
            if (matMul != null && matMul.getOpType().equals("MatMul")) {
                dropped.add(sum);
                dropped.add(biased);
                replace(norm, NodeProto.newBuilder().setOpType("SkipLayerNormalization").setDomain(MS)
                        .addAllInput(List.of(sum.getInput(1 - side), matMul.getOutput(0), norm.gamma, norm.beta,
                                biased.getInput(bias)))
                        .addAttribute(floatAttr("epsilon", norm.epsilon)));
                return true;
            }
        }
        return false;
    }

    /**
     * The embeddings' Gathers, Adds and norm as one EmbedLayerNormalization, the ids and mask cast to int32.
     *
     * @return its mask_index output
     */
    private String embedNorm(Norm norm) {
        Map<String, String> tables = new HashMap<>();
        ArrayDeque<String> sums = new ArrayDeque<>(List.of(norm.x));
        while (!sums.isEmpty()) {
            NodeProto node = producers.get(sums.poll());
            if (node.getOpType().equals("Add")) {
                sums.addAll(node.getInputList());
            } else if (node.getOpType().equals("Gather")) {
                String indices = node.getInput(1);
                tables.put(producers.containsKey(indices) ? "position" : indices, node.getInput(0));
            }
        }
        first.add(cast("input_ids", "variant/input_ids_int32"));
        first.add(cast("token_type_ids", "variant/segment_ids_int32"));
        first.add(cast("attention_mask", "variant/eln_mask_int32"));
        String maskIndex = "variant/mask_index";
        replace(norm, NodeProto.newBuilder().setOpType("EmbedLayerNormalization").setDomain(MS)
                .addAllInput(List.of("variant/input_ids_int32", "variant/segment_ids_int32",
                        tables.get("input_ids"), tables.get("position"), tables.get("token_type_ids"), norm.gamma,
                        norm.beta, "variant/eln_mask_int32"))
                .addOutput(norm.last.getOutput(0)).addOutput(maskIndex)
                .addAttribute(floatAttr("epsilon", norm.epsilon)));
        return maskIndex;
    }

    /**
     * {@code Mul(Mul(h, Add(Erf(Div(h, sqrt 2)), 1)), 0.5)} with {@code h = x W + bias}: {@code type(x W, bias)},
     * BiasGelu (the same erf GELU) or FastGelu (its tanh approximation, optimum -O3's gelu approximation).
     */
    private void biasGelu(NodeProto erf, String type) {
        NodeProto div = producers.get(erf.getInput(0));
        NodeProto biased = producers.get(div.getInput(0));
        NodeProto plusOne = only(erf.getOutput(0), "Add");
        NodeProto times = only(plusOne.getOutput(0), "Mul");
        NodeProto half = only(times.getOutput(0), "Mul");
        int bias = biasIndex(biased);
        dropped.addAll(List.of(biased, div, erf, plusOne, times));
        dropped.add(half);
        replaced.put(half, NodeProto.newBuilder().setOpType(type).setDomain(MS)
                .setName("variant/" + half.getOutput(0)).addInput(biased.getInput(1 - bias))
                .addInput(biased.getInput(bias)).addOutput(half.getOutput(0)).build());
    }

    /** Drops the norm's nodes and puts {@code fused} where its last node was, writing the norm's output. */
    private void replace(Norm norm, NodeProto.Builder fused) {
        dropped.addAll(norm.nodes);
        if (fused.getOutputCount() == 0) {
            fused.addOutput(norm.last.getOutput(0));
        }
        replaced.put(norm.last, fused.setName("variant/" + norm.last.getOutput(0)).build());
    }

    /** Which input of an Add is an initializer (its bias), or -1. */
    private int biasIndex(NodeProto add) {
        if (add == null) {
            return -1;
        }
        return initializers.contains(add.getInput(0)) ? 0 : initializers.contains(add.getInput(1)) ? 1 : -1;
    }

    /** The graph with {@code nodes}, less every node and initializer its outputs do not need. */
    private GraphProto pruned(List<NodeProto> nodes) {
        Map<String, NodeProto> producedBy = new HashMap<>();
        nodes.forEach(n -> n.getOutputList().forEach(o -> producedBy.put(o, n)));
        Set<NodeProto> needed = new HashSet<>();
        Set<String> read = new HashSet<>();
        ArrayDeque<String> wanted = new ArrayDeque<>();
        graph.getOutputList().forEach(o -> wanted.add(o.getName()));
        while (!wanted.isEmpty()) {
            String tensor = wanted.poll();
            read.add(tensor);
            NodeProto n = producedBy.get(tensor);
            if (n != null && needed.add(n)) {
                wanted.addAll(n.getInputList());
            }
        }
        GraphProto.Builder g = graph.toBuilder().clearNode().clearInitializer();
        nodes.stream().filter(needed::contains).forEach(g::addNode);
        graph.getInitializerList().stream().filter(t -> read.contains(t.getName())).forEach(g::addInitializer);
        return g.build();
    }

    private NodeProto only(String tensor, String type) {
        return FusedVariants.onlyReader(consumers, tensor, type);
    }

    private static String other(NodeProto node, String input) {
        return node.getInput(0).equals(input) ? node.getInput(1) : node.getInput(0);
    }

    /** A float scalar a Constant node holds. */
    private float scalar(String tensor) {
        TensorProto t = producers.get(tensor).getAttribute(0).getT();
        return t.getFloatDataCount() > 0 ? t.getFloatData(0)
                : t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat();
    }

    private static NodeProto cast(String input, String output) {
        return NodeProto.newBuilder().setOpType("Cast").setName(output).addInput(input).addOutput(output)
                .addAttribute(intAttr("to", TensorProto.DataType.INT32_VALUE)).build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }
}
