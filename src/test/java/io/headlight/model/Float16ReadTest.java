package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A computed float16 tensor read into float32 by the side graph ({@code Cast(Add(x, x)) * 0.5}) keeps its exact
 * value over float16's whole range: {@code x + x} in float16 would overflow to infinity from 32752 on, but ONNX
 * Runtime's CPU provider has no float16 Add, runs it in float32 and drops the casts between, so the largest
 * finite value and the subnormals come through bit for bit. A runtime that did the Add in float16 fails here.
 */
class Float16ReadTest {
    /** float16 bits of values across the range: the largest finite, past 32752 both ways, ordinary, subnormals. */
    private static final short[] HALVES = {(short) 0x7BFF, (short) 0x7800, (short) 0xF800, 0x3C00, (short) 0xB555,
        0x0001, 0x0200};
    private static final float[] EXPECTED = {65504f, 32768f, -32768f, 1f, -0.33325195f, 5.9604645e-8f,
        3.0517578e-5f};

    @Test
    void aComputedFloat16TensorReadsAsItsFloat32ValueOverTheWholeRange() throws Exception {
        AttentionSideGraph side = new AttentionSideGraph("headlight/test/", 17, name -> name,
                tensor -> tensor.equals("x_computed"));
        String read = side.asFloat("x_computed", TensorProto.DataType.FLOAT16_VALUE);
        GraphProto graph = GraphProto.newBuilder().setName("float16 read")
                .addInput(value("x", TensorProto.DataType.FLOAT16_VALUE))
                .addNode(NodeProto.newBuilder().setOpType("Neg").addInput("x").addOutput("x_negated"))
                .addNode(NodeProto.newBuilder().setOpType("Neg").addInput("x_negated").addOutput("x_computed"))
                .addAllNode(side.nodes()).addAllInitializer(side.initializers())
                .addOutput(value(read, TensorProto.DataType.FLOAT_VALUE)).build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();

        OrtEnvironment env = OrtRuntime.environment();
        ByteBuffer raw = ByteBuffer.allocateDirect(2 * HALVES.length).order(ByteOrder.nativeOrder());
        for (short h : HALVES) {
            raw.putShort(h);
        }
        raw.flip();
        try (OrtSession session = env.createSession(model.toByteArray(), OrtRuntime.sessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, raw, new long[] {HALVES.length},
                     ai.onnxruntime.OnnxJavaType.FLOAT16);
             OrtSession.Result result = session.run(Map.of("x", x))) {
            FloatBuffer got = ((OnnxTensor) result.get(0)).getFloatBuffer();
            for (int i = 0; i < EXPECTED.length; i++) {
                assertEquals(EXPECTED[i], got.get(i), 0f, "float16 bits 0x" + Integer.toHexString(HALVES[i] & 0xFFFF));
            }
        }
    }

    private static ValueInfoProto value(String name, int type) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(HALVES.length))))).build();
    }
}
