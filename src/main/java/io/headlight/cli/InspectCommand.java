package io.headlight.cli;

import io.headlight.model.AttentionModel;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;

import java.io.PrintStream;
import java.util.Set;

/**
 * {@code inspect --model <id|folder|file.onnx>}: what Headlight understood of a model's graph (each layer's
 * attention form and score scale, heads, head size, inputs, element type, quantization, q/k availability), so
 * a user with an unusual export sees what will be shown.
 */
public final class InspectCommand {
    static final String USAGE = "inspect --model <id|folder|file.onnx>";

    private InspectCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err)
            throws Options.UsageException, HeadlightException {
        Options options = Options.parse(args, Set.of("model"), Set.of());
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(options.require("model")))) {
            out.print(model.description().text());
        }
        return 0;
    }
}
