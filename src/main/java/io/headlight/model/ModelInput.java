package io.headlight.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One input the model's graph declares, which Headlight feeds on every run.
 *
 * @param name        {@code input_ids}, {@code attention_mask}, {@code token_type_ids} or {@code position_ids}
 * @param elementType the integer type the graph declares for it, as ONNX names it: {@code int64} or {@code int32}
 */
public record ModelInput(String name, String elementType) {
    public static final String INPUT_IDS = "input_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String TOKEN_TYPE_IDS = "token_type_ids";
    public static final String POSITION_IDS = "position_ids";

    /** The names Headlight knows how to fill. */
    public static final List<String> KNOWN = List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS, POSITION_IDS);

    /** {@code "input_ids, attention_mask (int64)"}, or each with its type where they differ. */
    public static String describe(List<ModelInput> inputs) {
        boolean oneType = inputs.stream().map(ModelInput::elementType).distinct().count() <= 1;
        if (oneType) {
            String names = inputs.stream().map(ModelInput::name).collect(Collectors.joining(", "));
            return inputs.isEmpty() ? "" : names + " (" + inputs.get(0).elementType() + ")";
        }
        return inputs.stream().map(i -> i.name() + " (" + i.elementType() + ")").collect(Collectors.joining(", "));
    }
}
