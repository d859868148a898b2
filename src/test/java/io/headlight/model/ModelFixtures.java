package io.headlight.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/** Finds the bundled models' files under {@code -Dheadlight.models.dir}; fails loudly when they are missing. */
final class ModelFixtures {
    static final String MINILM = "all-MiniLM-L6-v2";
    static final String BGE_ZH = "bge-small-zh-v1.5";
    static final String BGE_EN = "bge-small-en-v1.5";
    static final String E5 = "e5-small-v2";

    private ModelFixtures() {
    }

    static Path tokenizer(String id) {
        return single(id, "-tokenizer.json");
    }

    static Path onnx(String id) {
        return single(id, ".onnx");
    }

    private static Path single(String id, String suffix) {
        String root = System.getProperty("headlight.models.dir");
        if (root == null) {
            fail("-Dheadlight.models.dir is not set; run the tests through Maven (mvn -Dmodels.dir=... test)");
        }
        Path folder = Path.of(root, id);
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                fail("expected one *" + suffix + " in " + folder + ", found " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            return fail("bundled model " + id + " is missing under " + root + ": " + e);
        }
    }
}
