package io.headlight.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Feeds exactly the inputs a graph declares, each in the integer type it declares: an export may take
 * {@code int32} ids (with a Cast inside), leave out {@code token_type_ids} (DistilBERT, RoBERTa) or take
 * {@code position_ids} explicitly.
 */
final class InputFeeder {
    private final List<ModelInput> inputs;

    private InputFeeder(List<ModelInput> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    /**
     * @param names the graph's inputs, in its order (only names from {@link ModelInput#KNOWN})
     * @param info  ONNX Runtime's view of the session's inputs, for their element types
     * @throws HeadlightException when an input is declared with a type other than int64 or int32
     */
    static InputFeeder of(List<String> names, Map<String, NodeInfo> info, String label) throws HeadlightException {
        List<ModelInput> inputs = new ArrayList<>();
        for (String name : names) {
            NodeInfo node = info.get(name);
            OnnxJavaType type = node != null && node.getInfo() instanceof TensorInfo tensor
                    ? tensor.type : OnnxJavaType.INT64;
            if (type != OnnxJavaType.INT64 && type != OnnxJavaType.INT32) {
                throw new HeadlightException(label + " declares its input '" + name + "' as "
                        + type.name().toLowerCase(Locale.ROOT)
                        + "; Headlight feeds token inputs as int64 or int32 only");
            }
            inputs.add(new ModelInput(name, type == OnnxJavaType.INT32 ? "int32" : "int64"));
        }
        return new InputFeeder(inputs);
    }

    List<ModelInput> inputs() {
        return inputs;
    }

    /** The tensors for one encoding, {@code [1, T]} each; the caller closes them. */
    NativeValues feed(OrtEnvironment environment, Encoding encoding) throws OrtException {
        long[] shape = {1, encoding.length()};
        NativeValues values = new NativeValues();
        try {
            for (ModelInput input : inputs) {
                long[] data = switch (input.name()) {
                    case ModelInput.INPUT_IDS -> encoding.inputIds();
                    case ModelInput.ATTENTION_MASK -> encoding.attentionMask();
                    case ModelInput.TOKEN_TYPE_IDS -> encoding.typeIds();
                    case ModelInput.POSITION_IDS -> encoding.positionIds();
                    default -> throw new IllegalStateException("no values for input " + input.name());
                };
                values.put(input.name(), input.elementType().equals("int32")
                        ? OnnxTensor.createTensor(environment, IntBuffer.wrap(narrow(data)), shape)
                        : OnnxTensor.createTensor(environment, LongBuffer.wrap(data), shape));
            }
            return values;
        } catch (OrtException | RuntimeException e) {
            values.close();
            throw e;
        }
    }

    /** Ids, types, positions and mask all fit in an int: vocabularies and positions are far below 2^31. */
    private static int[] narrow(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.toIntExact(values[i]);
        }
        return out;
    }
}
