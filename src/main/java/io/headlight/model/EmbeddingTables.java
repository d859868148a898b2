package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sizes read off a BERT-style graph's embedding tables, found by what feeds them rather than by name: the
 * word table is the Gather indexed by {@code input_ids}, the position table the other table of the same
 * width that is indexed by neither {@code input_ids} nor {@code token_type_ids}.
 *
 * @param vocabRows    rows of the word-embedding table, or 0 when not found (e.g. a quantized table)
 * @param maxPositions rows of the position-embedding table, or {@link #DEFAULT_POSITIONS} when not found
 * @param hiddenSize   columns of the word-embedding table, or 0 when not found
 */
record EmbeddingTables(int vocabRows, int maxPositions, int hiddenSize) {
    /** BERT's limit, assumed when a graph has no recognisable position table. */
    static final int DEFAULT_POSITIONS = 512;

    private static final Set<String> PASS_THROUGH = Set.of("Cast", "Identity", "Reshape", "Unsqueeze", "Squeeze",
            "Flatten");

    static EmbeddingTables find(GraphProto graph) {
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                producers.put(out, node);
            }
        }
        TensorProto word = null;
        for (NodeProto node : graph.getNodeList()) {
            TensorProto table = tableOf(node, initializers);
            if (table != null && "input_ids".equals(source(node.getInput(1), producers))) {
                word = table;
                break;
            }
        }
        int positions = 0;
        for (NodeProto node : graph.getNodeList()) {
            TensorProto table = tableOf(node, initializers);
            if (table == null || table == word || (word != null && table.getDims(1) != word.getDims(1))) {
                continue;
            }
            String fedBy = source(node.getInput(1), producers);
            if (!"input_ids".equals(fedBy) && !"token_type_ids".equals(fedBy)) {
                positions = Math.max(positions, (int) table.getDims(0));
            }
        }
        return new EmbeddingTables(word == null ? 0 : (int) word.getDims(0),
                positions > 0 ? positions : DEFAULT_POSITIONS,
                word == null ? 0 : (int) word.getDims(1));
    }

    /** The 2-D float table a Gather on axis 0 reads from, or null. */
    private static TensorProto tableOf(NodeProto node, Map<String, TensorProto> initializers) {
        if (!node.getOpType().equals("Gather") || node.getInputCount() < 2) {
            return null;
        }
        for (var attribute : node.getAttributeList()) {
            if (attribute.getName().equals("axis") && attribute.getI() != 0) {
                return null;
            }
        }
        TensorProto table = initializers.get(node.getInput(0));
        return table != null && table.getDimsCount() == 2
                && table.getDataType() == TensorProto.DataType.FLOAT_VALUE ? table : null;
    }

    /** The graph value an index tensor comes from, following ops that do not change the ids. */
    private static String source(String name, Map<String, NodeProto> producers) {
        String current = name;
        for (int hops = 0; hops < 8; hops++) {
            NodeProto producer = producers.get(current);
            if (producer == null || !PASS_THROUGH.contains(producer.getOpType())) {
                return current;
            }
            current = producer.getInput(0);
        }
        return current;
    }
}
