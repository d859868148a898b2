package io.headlight.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalog of the four models Headlight ships, and where their files live at run time. */
public final class BundledModels {
    /** The model opened when the user has not chosen one. */
    public static final String DEFAULT_ID = "all-MiniLM-L6-v2";

    /** System property naming the models folder; wins over everything else. */
    public static final String DIR_PROPERTY = "headlight.models.dir";
    /** Environment variable naming the models folder, used when the property is not set. */
    public static final String DIR_ENV = "HEADLIGHT_MODELS_DIR";

    private static final String LANGCHAIN4J = "dev.langchain4j:langchain4j-embeddings-";

    private static final List<BundledModel> CATALOG = List.of(
            new BundledModel(DEFAULT_ID, "all-MiniLM-L6-v2", "English", 6, 12,
                    LANGCHAIN4J + "all-minilm-l6-v2:1.19.0-beta29", "Apache-2.0"),
            new BundledModel("bge-small-zh-v1.5", "BGE small zh v1.5", "Chinese", 4, 8,
                    LANGCHAIN4J + "bge-small-zh-v15:0.36.2", "MIT"),
            new BundledModel("bge-small-en-v1.5", "BGE small en v1.5", "English", 12, 12,
                    LANGCHAIN4J + "bge-small-en-v15:0.36.2", "MIT"),
            new BundledModel("e5-small-v2", "E5 small v2", "English", 12, 12,
                    LANGCHAIN4J + "e5-small-v2:0.36.2", "MIT"));

    private BundledModels() {
    }

    /** All four bundled models, whether or not their files are present. */
    public static List<BundledModel> catalog() {
        return CATALOG;
    }

    /** The bundled models whose files are present in {@link #modelsDir()}. */
    public static List<BundledModel> available() {
        List<BundledModel> present = new ArrayList<>();
        for (BundledModel model : CATALOG) {
            try {
                model.source();
                present.add(model);
            } catch (HeadlightException missing) {
                // not installed: simply not offered
            }
        }
        return List.copyOf(present);
    }

    /** The catalog entry with this id, if there is one. */
    public static Optional<BundledModel> find(String id) {
        return CATALOG.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * The folder holding one sub-folder per bundled model: {@code -Dheadlight.models.dir}, else
     * {@code $HEADLIGHT_MODELS_DIR}, else {@code models/} beside the jar (the installed app keeps its jar in
     * {@code lib/app/} with {@code models/} next to it) or beside {@code target/classes} in a Maven build.
     */
    public static Path modelsDir() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return CodeLocation.folder().resolve("models");
    }
}
