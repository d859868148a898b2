package io.headlight.model;

import ai.onnx.proto.OnnxMl.TensorProto;

/** The floating-point element types a graph's attention may be computed in, by their ONNX numbers. */
final class ElementType {
    private ElementType() {
    }

    /** Whether tensors of this type can be read as attention (after a cast to float32 where needed). */
    static boolean isFloat(int dataType) {
        return dataType == TensorProto.DataType.FLOAT_VALUE || dataType == TensorProto.DataType.FLOAT16_VALUE
                || dataType == TensorProto.DataType.BFLOAT16_VALUE || dataType == TensorProto.DataType.DOUBLE_VALUE;
    }

    /** The name users know the type by ("float16"), or "unknown" when the graph does not say. */
    static String name(int dataType) {
        return switch (dataType) {
            case TensorProto.DataType.FLOAT_VALUE -> "float32";
            case TensorProto.DataType.FLOAT16_VALUE -> "float16";
            case TensorProto.DataType.BFLOAT16_VALUE -> "bfloat16";
            case TensorProto.DataType.DOUBLE_VALUE -> "float64";
            default -> "unknown";
        };
    }
}
