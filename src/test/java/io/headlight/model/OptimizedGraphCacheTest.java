package io.headlight.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache of ONNX Runtime's optimized edited graphs: used when valid, never stale, never in the way. */
class OptimizedGraphCacheTest {
    private static final String TEXT = "The cache must not change a single number.";

    @Test
    void aSecondOpenStartsFromTheCache(@TempDir Path cacheDir) throws Exception {
        OptimizedGraphCache cache = new OptimizedGraphCache(cacheDir);
        ModelSource source = ModelSource.resolve(ModelFixtures.MINILM);
        try (AttentionModel first = AttentionModel.open(source, cache)) {
            assertFalse(first.openedFromCache());
        }
        assertEquals(1, entries(cacheDir).size(), "one entry: " + files(cacheDir));
        assertEquals(1, plans(cacheDir).size(), "and its plan, no temporary files left: " + files(cacheDir));
        assertEquals(2, files(cacheDir).size(), "no temporary files left: " + files(cacheDir));
        try (AttentionModel second = AttentionModel.open(source, cache)) {
            assertTrue(second.openedFromCache());
        }
    }

    @Test
    void aModelWithExternalDataIsCachedAndItsCachedGraphGivesTheSameNumbers(@TempDir Path dir) throws Exception {
        Path cacheDir = dir.resolve("cache");
        OptimizedGraphCache cache = new OptimizedGraphCache(cacheDir);
        ModelSource source = ModelSource.resolve(
                ExternalDataVariant.write(dir.resolve("external"), "model.onnx_data").toString());
        AttentionResult fresh;
        try (AttentionModel first = AttentionModel.open(source, cache)) {
            assertFalse(first.openedFromCache());
            fresh = first.explain(TEXT, null);
        }
        List<Path> written = files(cacheDir);
        assertEquals(1, written.size(), "one entry, no plan (it could not name the external data), no temporary"
                + " files left: " + written);
        assertTrue(written.get(0).toString().endsWith(".onnx"), "ORT format cannot refer to external data");
        Object entryFile = Files.readAttributes(written.get(0), BasicFileAttributes.class).fileKey();
        for (int open = 0; open < 2; open++) {
            try (AttentionModel again = AttentionModel.open(source, cache)) {
                assertTrue(again.openedFromCache(), "open " + (open + 2) + " optimized the graph again");
                assertArrayEquals(floats(fresh.attentionBuffer()), floats(again.explain(TEXT, null).attentionBuffer()),
                        0f);
            }
        }
        assertEquals(written, entries(cacheDir));
        assertEquals(entryFile, Files.readAttributes(written.get(0), BasicFileAttributes.class).fileKey(),
                "the entry was rewritten");
    }

    @Test
    void aPartFileLeftByAKilledStartIsRemovedByTheNextOpen(@TempDir Path cacheDir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(cacheDir);
        Path stale = Files.writeString(cacheDir.resolve(".headlight-" + gone.pid() + "-5eed.part"), "half an entry");
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(ModelFixtures.MINILM),
                new OptimizedGraphCache(cacheDir))) {
            assertFalse(model.openedFromCache());
        }
        assertFalse(Files.exists(stale), "the dead start's part file is still there");
        assertEquals(2, files(cacheDir).size(), "one entry and its plan, no temporary files left: " + files(cacheDir));
    }

    @Test
    void theCachedGraphGivesTheFreshGraphsNumbersBitForBit(@TempDir Path cacheDir) throws Exception {
        OptimizedGraphCache cache = new OptimizedGraphCache(cacheDir);
        ModelSource source = ModelSource.resolve(ModelFixtures.MINILM);
        AttentionResult fresh;
        AttentionResult cached;
        try (AttentionModel model = AttentionModel.open(source, cache)) {
            assertFalse(model.openedFromCache());
            fresh = model.explain(TEXT, "And a second sentence.");
        }
        try (AttentionModel model = AttentionModel.open(source, cache)) {
            assertTrue(model.openedFromCache());
            cached = model.explain(TEXT, "And a second sentence.");
        }
        assertEquals(fresh.length(), cached.length());
        for (int l = 0; l < fresh.layers(); l++) {
            for (int h = 0; h < fresh.heads(); h++) {
                assertArrayEquals(fresh.headMatrix(l, h), cached.headMatrix(l, h), 0f, "layer " + l + " head " + h);
            }
        }
        assertArrayEquals(floats(fresh.queryBuffer()), floats(cached.queryBuffer()), 0f);
        assertArrayEquals(floats(fresh.keyBuffer()), floats(cached.keyBuffer()), 0f);
        assertArrayEquals(floats(fresh.lastHiddenBuffer()), floats(cached.lastHiddenBuffer()), 0f);
    }

    @Test
    void theCacheKeepsWithinItsBudgetDroppingTheLeastRecentlyUsedEntry(@TempDir Path dir) throws Exception {
        Path cacheDir = dir.resolve("cache");
        AttentionModel.open(copyOfMiniLm(dir.resolve("first")), new OptimizedGraphCache(cacheDir)).close();
        Path firstEntry = entries(cacheDir).get(0);
        long entrySize = Files.size(firstEntry);
        // Room for two entries, not three.
        OptimizedGraphCache cache = new OptimizedGraphCache(cacheDir, 2 * entrySize + entrySize / 2);
        AttentionModel.open(copyOfMiniLm(dir.resolve("second")), cache).close();
        List<Path> two = entries(cacheDir);
        assertEquals(2, two.size());
        Path secondEntry = two.get(two.get(0).equals(firstEntry) ? 1 : 0);
        Files.setLastModifiedTime(firstEntry, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Files.setLastModifiedTime(secondEntry, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        try (AttentionModel again = AttentionModel.open(ModelSource.resolve(dir.resolve("first").toString()), cache)) {
            assertTrue(again.openedFromCache(), "the first model's entry was still there");
        }

        AttentionModel.open(copyOfMiniLm(dir.resolve("third")), cache).close();
        List<Path> kept = entries(cacheDir);
        assertEquals(2, kept.size(), "within the budget: " + kept);
        assertTrue(kept.contains(firstEntry), "the entry just read was dropped");
        assertFalse(kept.contains(secondEntry), "the second model's entry, used least recently, made room");
    }

    @Test
    void aChangedModelFileIsOptimizedAgainAndItsOldEntryDeleted(@TempDir Path dir) throws Exception {
        Path cacheDir = dir.resolve("cache");
        OptimizedGraphCache cache = new OptimizedGraphCache(cacheDir);
        ModelSource source = copyOfMiniLm(dir.resolve("model"));
        AttentionModel.open(source, cache).close();
        List<Path> before = entries(cacheDir);

        Files.setLastModifiedTime(source.onnxFile(), FileTime.fromMillis(
                Files.getLastModifiedTime(source.onnxFile()).toMillis() - 60_000));
        try (AttentionModel changed = AttentionModel.open(source, cache)) {
            assertFalse(changed.openedFromCache());
        }
        List<Path> after = entries(cacheDir);
        assertEquals(1, after.size(), "the stale entry is deleted: " + after);
        assertNotEquals(before, after);
        assertEquals(1, plans(cacheDir).size(), "the stale plan is deleted: " + files(cacheDir));
    }

    @Test
    void anotherOrtVersionOrEditOrContentHasAnotherEntry(@TempDir Path dir) throws Exception {
        OptimizedGraphCache cache = new OptimizedGraphCache(dir.resolve("cache"));
        ModelSource source = copyOfMiniLm(dir.resolve("model"));
        EditedGraph edited = GraphSurgeon.edit(Files.readAllBytes(source.onnxFile()), "model.onnx");
        Path entry = cache.entry(source.onnxFile(), List.of(), edited.model(), "1.29.0").file();

        assertEquals(entry, cache.entry(source.onnxFile(), List.of(), edited.model(), "1.29.0").file());
        assertNotEquals(entry, cache.entry(source.onnxFile(), List.of(), edited.model(), "1.30.0").file());
        EditedGraph otherEdit = GraphSurgeon.edit(edited.model().toBuilder()
                .setGraph(edited.model().getGraph().toBuilder().removeOutput(0)).build(), "model.onnx");
        assertNotEquals(entry, cache.entry(source.onnxFile(), List.of(), otherEdit.model(), "1.29.0").file());

        // Same size and modification time, one byte of a weight changed: only the content hash tells.
        FileTime mtime = Files.getLastModifiedTime(source.onnxFile());
        byte[] bytes = Files.readAllBytes(source.onnxFile());
        int weight = indexOfLargestWeight(bytes);
        bytes[weight] ^= 1;
        Files.write(source.onnxFile(), bytes);
        Files.setLastModifiedTime(source.onnxFile(), mtime);
        assertNotEquals(entry, cache.entry(source.onnxFile(), List.of(), edited.model(), "1.29.0").file());
    }

    @Test
    void aCorruptEntryIsIgnoredAndReplaced(@TempDir Path cacheDir) throws Exception {
        OptimizedGraphCache cache = new OptimizedGraphCache(cacheDir);
        ModelSource source = ModelSource.resolve(ModelFixtures.MINILM);
        AttentionModel.open(source, cache).close();
        Path entry = entries(cacheDir).get(0);
        long size = Files.size(entry);
        // Half written: what a crash in the middle of an unsafe write would leave.
        byte[] half = new byte[(int) (size / 2)];
        System.arraycopy(Files.readAllBytes(entry), 0, half, 0, half.length);
        Files.write(entry, half);

        try (AttentionModel model = AttentionModel.open(source, cache)) {
            assertFalse(model.openedFromCache());
            assertEquals(12, model.explain(TEXT, null).heads());
        }
        assertEquals(List.of(entry), entries(cacheDir));
        assertEquals(size, Files.size(entry), "the entry was written again whole");
        try (AttentionModel model = AttentionModel.open(source, cache)) {
            assertTrue(model.openedFromCache());
        }
    }

    @Test
    void anUnwritableCacheDirectoryMeansNoCache(@TempDir Path dir) throws Exception {
        // A path below a regular file can be created by nobody, root included.
        Path notADirectory = Files.writeString(dir.resolve("file"), "x").resolve("cache");
        OptimizedGraphCache cache = new OptimizedGraphCache(notADirectory);
        ModelSource source = ModelSource.resolve(ModelFixtures.MINILM);
        for (int i = 0; i < 2; i++) {
            try (AttentionModel model = AttentionModel.open(source, cache)) {
                assertFalse(model.openedFromCache());
                assertEquals(6, model.info().layers());
            }
        }
    }

    @Test
    void theUsersCacheDirectoryFollowsTheSystemProperty(@TempDir Path dir) {
        String before = System.getProperty(OptimizedGraphCache.DIR_PROPERTY);
        try {
            System.setProperty(OptimizedGraphCache.DIR_PROPERTY, dir.toString());
            assertEquals(dir, OptimizedGraphCache.forUser().dir());
        } finally {
            if (before == null) {
                System.clearProperty(OptimizedGraphCache.DIR_PROPERTY);
            } else {
                System.setProperty(OptimizedGraphCache.DIR_PROPERTY, before);
            }
        }
    }

    /** all-MiniLM-L6-v2 copied into a folder of its own (a model path no other test opens). */
    static ModelSource copyOfMiniLm(Path folder) throws IOException, HeadlightException {
        Files.createDirectories(folder);
        Files.copy(ModelFixtures.onnx(ModelFixtures.MINILM), folder.resolve("model.onnx"));
        Files.copy(ModelFixtures.tokenizer(ModelFixtures.MINILM), folder.resolve("tokenizer.json"));
        return ModelSource.resolve(folder.toString());
    }

    /** Somewhere in the middle of the largest initializer's raw bytes. */
    private static int indexOfLargestWeight(byte[] model) throws Exception {
        var parsed = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(model);
        var largest = parsed.getGraph().getInitializerList().stream()
                .max(java.util.Comparator.comparingInt(t -> t.getRawData().size())).orElseThrow();
        byte[] raw = largest.getRawData().toByteArray();
        byte[] probe = java.util.Arrays.copyOfRange(raw, raw.length / 2, raw.length / 2 + 64);
        for (int i = 0; i + probe.length <= model.length; i++) {
            if (java.util.Arrays.equals(model, i, i + probe.length, probe, 0, probe.length)) {
                return i;
            }
        }
        throw new AssertionError("weight bytes not found in the file");
    }

    /** The cache's entries (its plans left out). */
    static List<Path> entries(Path dir) throws IOException {
        return files(dir).stream().filter(f -> !f.getFileName().toString().endsWith(".plan")).toList();
    }

    /** The cache's plans. */
    static List<Path> plans(Path dir) throws IOException {
        return files(dir).stream().filter(f -> f.getFileName().toString().endsWith(".plan")).toList();
    }

    /** Every file in the cache directory, part files included. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    static float[] floats(FloatBuffer buffer) {
        float[] out = new float[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
