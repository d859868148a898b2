package io.headlight.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where one model's files are: its ONNX graph and the {@code tokenizer.json} that goes with it.
 *
 * @param id            bundled id, or the name of a user's folder (or of the .onnx file when it is not
 *                      {@code model.onnx})
 * @param displayName   name for titles and pickers
 * @param onnxFile      the ONNX graph (never modified)
 * @param tokenizerFile the Hugging Face {@code tokenizer.json}
 * @param bundled       whether it is one of {@link BundledModels#catalog()}
 */
public record ModelSource(String id, String displayName, Path onnxFile, Path tokenizerFile, boolean bundled) {
    private static final String TOKENIZER = "tokenizer.json";
    private static final String PREFERRED_ONNX = "model.onnx";

    /**
     * Finds a model's files from what a user typed.
     *
     * @param idOrPath a bundled id ({@code all-MiniLM-L6-v2}); a folder holding one {@code .onnx} file
     *                 ({@code model.onnx} wins when there are several) and a {@code tokenizer.json} (or one
     *                 {@code *tokenizer.json}); or a {@code .onnx} file with the tokenizer beside it
     * @throws HeadlightException naming what is missing
     */
    public static ModelSource resolve(String idOrPath) throws HeadlightException {
        if (idOrPath == null || idOrPath.isBlank()) {
            throw new HeadlightException("No model given: name a bundled model (" + bundledIds()
                    + ") or a folder with model.onnx and tokenizer.json");
        }
        Optional<BundledModel> bundled = BundledModels.find(idOrPath);
        if (bundled.isPresent()) {
            return bundled.get().source();
        }
        Path path;
        try {
            path = Path.of(idOrPath).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new HeadlightException("'" + idOrPath + "' is neither a bundled model (" + bundledIds()
                    + ") nor a valid path");
        }
        if (Files.isDirectory(path)) {
            return new ModelSource(nameOf(path), nameOf(path), onnxIn(path), tokenizerIn(path), false);
        }
        if (Files.isRegularFile(path)) {
            if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                throw new HeadlightException(path + " is not a .onnx file; give a model folder or its .onnx file");
            }
            Path folder = path.getParent();
            String stem = path.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
            String id = stem.equalsIgnoreCase("model") ? nameOf(folder) : stem;
            return new ModelSource(id, id, path, tokenizerIn(folder), false);
        }
        throw new HeadlightException("No model at '" + idOrPath + "': it is not a bundled model (" + bundledIds()
                + ") and no such file or folder exists");
    }

    static ModelSource bundled(BundledModel model, Path folder) throws HeadlightException {
        if (!Files.isDirectory(folder)) {
            throw new HeadlightException("Bundled model " + model.id() + " is not installed: " + folder
                    + " is missing; build with 'mvn package' or set -D" + BundledModels.DIR_PROPERTY);
        }
        return new ModelSource(model.id(), model.displayName(), onnxIn(folder), tokenizerIn(folder), true);
    }

    private static Path onnxIn(Path folder) throws HeadlightException {
        List<Path> candidates = filesIn(folder, name -> name.toLowerCase(Locale.ROOT).endsWith(".onnx"));
        if (candidates.isEmpty()) {
            throw new HeadlightException("No .onnx file in " + folder
                    + "; export one with optimum-cli export onnx or torch.onnx.export");
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (Path candidate : candidates) {
            if (candidate.getFileName().toString().equals(PREFERRED_ONNX)) {
                return candidate;
            }
        }
        throw new HeadlightException("Several .onnx files in " + folder + " (" + names(candidates)
                + "); keep one, name one model.onnx, or give the .onnx file itself");
    }

    private static Path tokenizerIn(Path folder) throws HeadlightException {
        Path exact = folder.resolve(TOKENIZER);
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        // The bundled jars name it <model>-tokenizer.json; accept that when it is unambiguous.
        List<Path> candidates = filesIn(folder, name -> name.endsWith(TOKENIZER));
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new HeadlightException("No tokenizer.json in " + folder
                    + "; save it beside the model with tokenizer.save_pretrained()");
        }
        throw new HeadlightException("Several tokenizer files in " + folder + " (" + names(candidates)
                + "); keep one or name it tokenizer.json");
    }

    private static List<Path> filesIn(Path folder, java.util.function.Predicate<String> nameTest)
            throws HeadlightException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> nameTest.test(p.getFileName().toString()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new HeadlightException("Cannot read folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    }

    private static String nameOf(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    private static String bundledIds() {
        return BundledModels.catalog().stream().map(BundledModel::id).collect(Collectors.joining(", "));
    }
}
