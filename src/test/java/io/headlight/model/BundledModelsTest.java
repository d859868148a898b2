package io.headlight.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four bundled models are installed, load, and are what the catalog says they are. */
class BundledModelsTest {

    @ParameterizedTest
    @CsvSource({
            "all-MiniLM-L6-v2,  6, 12",
            "bge-small-zh-v1.5, 4,  8",
            "bge-small-en-v1.5, 12, 12",
            "e5-small-v2,       12, 12"})
    void eachModelLoadsWithItsLayersAndHeads(String id, int layers, int heads) throws HeadlightException {
        ModelInfo info = SharedModels.get(id).info();
        assertEquals(layers, info.layers());
        assertEquals(heads, info.heads());
        BundledModel entry = BundledModels.find(id).orElseThrow();
        assertEquals(entry.layers(), info.layers(), "catalog agrees with the graph");
        assertEquals(entry.heads(), info.heads(), "catalog agrees with the graph");
    }

    @ParameterizedTest
    @CsvSource({"all-MiniLM-L6-v2, 30522", "bge-small-zh-v1.5, 21128", "bge-small-en-v1.5, 30522",
            "e5-small-v2, 30522"})
    void positionAndVocabularyLimitsAreReadFromTheEmbeddingTables(String id, int vocabRows)
            throws HeadlightException {
        ModelInfo info = SharedModels.get(id).info();
        assertEquals(512, info.maxPositions());
        assertEquals(vocabRows, info.vocabRows());
        assertEquals(info.hiddenSize(), info.heads() * info.headDim());
    }

    @Test
    void allFourAreInstalledForTheTests() {
        List<String> available = BundledModels.available().stream().map(BundledModel::id).toList();
        assertEquals(BundledModels.catalog().stream().map(BundledModel::id).toList(), available,
                "models missing from " + BundledModels.modelsDir());
    }

    @Test
    void theDefaultModelIsInTheCatalog() {
        assertTrue(BundledModels.find(BundledModels.DEFAULT_ID).isPresent());
    }

    @Test
    void aBundledIdResolvesToItsFolder() throws HeadlightException {
        ModelSource source = ModelSource.resolve("bge-small-zh-v1.5");
        assertTrue(source.bundled());
        assertEquals(BundledModels.modelsDir().resolve("bge-small-zh-v1.5"), source.onnxFile().getParent());
        assertEquals("bge-small-zh-v1.5-tokenizer.json", source.tokenizerFile().getFileName().toString());
    }
}
