package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's float initializers read straight from its ONNX file with the protobuf classes, for recomputing
 * what ONNX Runtime computes. Linear layers in these exports keep their weight as an unnamed initializer
 * ({@code onnx::MatMul_787}) on a named MatMul node, with the bias on the Add that consumes its output.
 */
final class OnnxWeights {
    private final GraphProto graph;
    private final Map<String, TensorProto> initializers = new HashMap<>();

    OnnxWeights(Path onnx) throws IOException {
        this(read(onnx));
    }

    OnnxWeights(ModelProto model) {
        graph = model.getGraph();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
    }

    private static ModelProto read(Path onnx) throws IOException {
        try (InputStream in = Files.newInputStream(onnx)) {
            return ModelProto.parseFrom(in);
        }
    }

    /** A named initializer, e.g. {@code embeddings.word_embeddings.weight}. */
    Tensor initializer(String name) {
        TensorProto t = initializers.get(name);
        if (t == null) {
            throw new AssertionError("no initializer " + name);
        }
        return tensor(t);
    }

    /** The weight W of {@code y = x W + b} computed by the MatMul node {@code matMulNode}: {@code [in][out]}. */
    Tensor matMulWeight(String matMulNode) {
        NodeProto matMul = node(matMulNode);
        return tensor(onlyInitializerInput(matMul));
    }

    /** The bias b added to the output of {@code matMulNode} by the Add node that consumes it. */
    Tensor biasAfter(String matMulNode) {
        String output = node(matMulNode).getOutput(0);
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Add") && n.getInputList().contains(output)) {
                return tensor(onlyInitializerInput(n));
            }
        }
        throw new AssertionError("no Add after " + matMulNode);
    }

    private NodeProto node(String name) {
        for (NodeProto n : graph.getNodeList()) {
            if (n.getName().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no node " + name);
    }

    private TensorProto onlyInitializerInput(NodeProto node) {
        List<TensorProto> found = node.getInputList().stream()
                .filter(initializers::containsKey).map(initializers::get).toList();
        if (found.size() != 1) {
            throw new AssertionError(node.getName() + " has " + found.size() + " initializer inputs, expected 1");
        }
        return found.get(0);
    }

    private static Tensor tensor(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new AssertionError(t.getName() + " is not float32");
        }
        int[] dims = t.getDimsList().stream().mapToInt(Long::intValue).toArray();
        float[] values;
        if (!t.getRawData().isEmpty()) {
            FloatBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            values = new float[raw.remaining()];
            raw.get(values);
        } else {
            values = new float[t.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        return new Tensor(dims, values);
    }

    /** Row-major values with their shape. */
    record Tensor(int[] dims, float[] values) {
        /** Element [row][col] of a 2-D tensor. */
        double at(int row, int col) {
            return values[row * dims[1] + col];
        }
    }
}
