package io.headlight.ui;

import io.headlight.model.BundledModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the window was launched on ({@code headlight [MODEL] [--model ID|PATH] [--text ...] [--text-b ...]
 * [--layer N] [--head N] [--view NAME]}); every part is optional and null when not given.
 *
 * @param model a bundled id, a model folder or an .onnx file
 * @param view  the tab to show ("Heatmap", "Model view", ...)
 */
public record LaunchRequest(String model, String text, String textB, Integer layer, Integer head, String view) {
    /** No arguments: the window opens as it was left. */
    public static final LaunchRequest NONE = new LaunchRequest(null, null, null, null, null, null);

    /** The {@code --view} names, as the command line's {@code export --view} spells them, and their tabs. */
    private static final Map<String, String> VIEWS = Map.of("heatmap", "Heatmap", "grid", "Model view",
            "lines", "Head view", "neuron", "Neuron view", "stats", "Head stats", "compare", "Compare");

    /**
     * @throws IllegalArgumentException with a one-line reason for an unknown option, a missing or malformed
     *                                  value, or a model that is neither bundled nor an existing path
     */
    public static LaunchRequest parse(List<String> args) {
        String model = null;
        String text = null;
        String textB = null;
        Integer layer = null;
        Integer head = null;
        String view = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (model != null) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "': the model is already "
                            + model);
                }
                model = existingModel(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size() && List.of("model", "text", "text-b", "layer", "head", "view")
                    .contains(name)) {
                value = args.get(++i);
            } else {
                value = null;
            }
            switch (name) {
                case "model" -> {
                    if (model != null) {
                        throw new IllegalArgumentException("the model is given twice (" + model + " and "
                                + require(name, value) + ")");
                    }
                    model = existingModel(require(name, value));
                }
                case "text" -> text = once(name, text, require(name, value));
                case "text-b" -> textB = once(name, textB, require(name, value));
                case "layer" -> layer = once(name, layer, index(name, require(name, value)));
                case "head" -> head = once(name, head, index(name, require(name, value)));
                case "view" -> view = once(name, view, viewTab(require(name, value)));
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new LaunchRequest(model, text, textB, layer, head, view);
    }

    private static String require(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " needs a value");
        }
        return value;
    }

    private static <T> T once(String name, T before, T value) {
        if (before != null) {
            throw new IllegalArgumentException("--" + name + " given twice");
        }
        return value;
    }

    private static int index(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value the user typed
        }
        throw new IllegalArgumentException("--" + name + " takes a number from 0, not '" + value + "'");
    }

    private static String viewTab(String value) {
        String tab = VIEWS.get(value.trim().toLowerCase(Locale.ROOT));
        if (tab == null) {
            throw new IllegalArgumentException("unknown view '" + value
                    + "' (heatmap, grid, lines, neuron, stats or compare)");
        }
        return tab;
    }

    private static String existingModel(String key) {
        if (BundledModels.available().stream().anyMatch(m -> m.id().equals(key)) || Files.exists(Path.of(key))) {
            return key;
        }
        List<String> bundled = BundledModels.available().stream().map(m -> m.id()).toList();
        throw new IllegalArgumentException("unknown model '" + key + "': neither a bundled model ("
                + (bundled.isEmpty() ? "none are installed" : String.join(", ", bundled))
                + ") nor an existing folder or .onnx file");
    }
}
