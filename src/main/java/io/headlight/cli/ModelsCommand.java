package io.headlight.cli;

import io.headlight.cli.Options.UsageException;
import io.headlight.model.BundledModel;
import io.headlight.model.BundledModels;

import java.io.PrintStream;
import java.util.Set;

/** {@code models}: the bundled models, their shape and whether this installation carries them. */
public final class ModelsCommand {
    private ModelsCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Options.parse(args, Set.of(), Set.of());
        var available = BundledModels.available();
        for (BundledModel m : BundledModels.catalog()) {
            String state = available.contains(m) ? "installed" : "not installed";
            out.printf("%-20s %2d x %-2d  %-8s %s%s%n", m.id(), m.layers(), m.heads(), m.language(), state,
                    m.id().equals(BundledModels.DEFAULT_ID) ? " (default)" : "");
        }
        out.println("models folder: " + BundledModels.modelsDir());
        return 0;
    }
}
