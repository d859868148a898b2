package io.headlight.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Edited graphs as ONNX Runtime optimized them, saved under the user's cache directory, so that a second open of
 * the same model skips serializing the edited graph and optimizing it.
 *
 * <p>In ORT format, mapped and read in place: ONNX Runtime then takes the weights from the mapping rather than
 * copying them. A session of all-MiniLM-L6-v2 starts in 55-60 ms of CPU so, against 150-165 ms from the same
 * optimized graph saved as ONNX, and 190-215 ms from the ORT-format file read by path (fresh JVMs, 2-core
 * machine). A model with external data keeps an ONNX entry, since the ORT format cannot refer to such data.
 *
 * <p>An entry's name is a hash of everything the optimized graph depends on: the model file's path, size,
 * modification time and content (CRC32, and the same for its external data files), the ONNX Runtime
 * version, the CPU architecture, and the edited graph itself without its weights (so a changed
 * {@link GraphSurgeon} never reads an entry made by an older one). A stale entry cannot be found, only
 * replaced: making one deletes the older entries of the same model file. Entries are written by ONNX Runtime
 * into a temporary {@code .headlight-<pid>-<random>.part} file and moved into place atomically, so concurrent
 * starts see a whole entry or none; where the directory cannot be written there is simply no cache.
 *
 * <p>Beside an entry sits its {@link PlanFile}: what the surgeon found, named by the model file's path and
 * fingerprint and by the build of Headlight's code, so that a warm open finds the entry without editing the graph
 * first. Models with external data get no plan (their entries are found the long way).
 *
 * <p>Every model file opened leaves an entry about its own size, so the cache is kept within a budget: writing an
 * entry deletes the least recently used others (a hit marks its entry used by its modification time) until the
 * rest fit. Without it a user trying thirty exports of a 400 MB model, or a test suite opening a hundred variants
 * from temporary folders, filled the disk with entries nothing would read again.
 */
final class OptimizedGraphCache {
    /** System property naming the cache directory (tests point it at a temporary folder). */
    static final String DIR_PROPERTY = "headlight.cache.dir";
    private static final String FORMAT = "headlight-ort-cache/2";
    /** Entries in ORT format, which a session reads in place (see the class comment). */
    private static final String ORT_SUFFIX = ".ort";
    /** Entries of models with external data, which the ORT format cannot refer to. */
    private static final String SUFFIX = ".onnx";
    private static final String ANY_ENTRY = "*.{ort,onnx}";
    private static final String PLAN_FORMAT = "headlight-plan/1";
    private static final String PLAN_SUFFIX = ".plan";
    private static final Pattern ENTRY_NAME = Pattern.compile("[0-9a-f]{16}-[0-9a-f]{32}\\.(ort|onnx)");
    private static final long HASH_PIECE = 1L << 30;

    /** How much the cache keeps: a dozen small models' entries, or a few large ones'. */
    static final long DEFAULT_BUDGET = 2L << 30;

    private final Path dir;
    private final long budget;
    private final String code;

    OptimizedGraphCache(Path dir) {
        this(dir, DEFAULT_BUDGET);
    }

    /** @param budget bytes the entries may take together; the newest entry is kept even when it alone is larger */
    OptimizedGraphCache(Path dir, long budget) {
        this(dir, budget, CodeLocation.fingerprint());
    }

    /** @param code what tells this build of the code from others (tests play another build with it) */
    OptimizedGraphCache(Path dir, long budget, String code) {
        this.dir = dir;
        this.budget = budget;
        this.code = code;
    }

    /**
     * The cache in {@code -Dheadlight.cache.dir}, else {@code $XDG_CACHE_HOME/headlight}, else
     * {@code ~/.cache/headlight}.
     */
    static OptimizedGraphCache forUser() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return new OptimizedGraphCache(Path.of(property));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new OptimizedGraphCache(base.resolve("headlight"));
    }

    /** Where the cache lives. */
    Path dir() {
        return dir;
    }

    /**
     * The entry for one edited model.
     *
     * @param modelFile    the user's {@code .onnx} file
     * @param externalData its external data files
     * @param edited       the graph as the surgeon edited it
     * @param ortVersion   the ONNX Runtime version that will optimize and run it
     * @throws IOException when the model's files cannot be read for hashing
     */
    Entry entry(Path modelFile, List<Path> externalData, ModelProto edited, String ortVersion) throws IOException {
        return entry(modelFile, Fingerprint.of(modelFile), externalData, edited, ortVersion);
    }

    /** The same, with the model file's fingerprint already taken. */
    Entry entry(Path modelFile, Fingerprint model, List<Path> externalData, ModelProto edited, String ortVersion)
            throws IOException {
        MessageDigest key = sha256();
        update(key, FORMAT, ortVersion, System.getProperty("os.arch"), System.getProperty("os.name"));
        Path absolute = modelFile.toAbsolutePath().normalize();
        update(key, model.parts());
        for (Path data : externalData) {
            update(key, absolute.getParent().relativize(data).toString());
            update(key, Fingerprint.of(data).parts());
        }
        key.update(withoutWeights(edited).toByteArray());
        String name = modelPrefix(absolute) + "-" + HexFormat.of().formatHex(key.digest(), 0, 16)
                + (externalData.isEmpty() ? ORT_SUFFIX : SUFFIX);
        // A plan names no external data, so only a model without any gets one.
        return new Entry(dir, modelPrefix(absolute), dir.resolve(name),
                externalData.isEmpty() ? planFile(absolute, model.size(), model.modified()) : null, model, budget);
    }

    /**
     * What an earlier open of this model file by this build of Headlight saved: the plan and its entry, when both
     * are there and the plan is whole. The plan's name holds the model file's path, size and modification time and
     * the code's fingerprint ({@link CodeLocation#fingerprint}), so another build finds none; the plan holds the
     * file's content hash, which the caller compares with the file's (in parallel with other work: it reads the
     * whole file) before trusting the plan.
     */
    Optional<Planned> planned(Path modelFile) {
        Path absolute = modelFile.toAbsolutePath().normalize();
        Path plan;
        try {
            plan = planFile(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute).toMillis());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return PlanFile.read(plan).flatMap(saved -> {
            String prefix = modelPrefix(absolute);
            if (!ENTRY_NAME.matcher(saved.entryName()).matches() || !saved.entryName().startsWith(prefix + "-")) {
                PartFiles.discard(plan);
                return Optional.empty();
            }
            Entry entry = new Entry(dir, prefix, dir.resolve(saved.entryName()), plan, saved.model(), budget);
            return entry.exists() ? Optional.of(new Planned(saved, entry)) : Optional.empty();
        });
    }

    /** A saved plan with the entry it belongs to. */
    record Planned(PlanFile plan, Entry entry) {
    }

    private Path planFile(Path absolute, long size, long modified) {
        MessageDigest key = sha256();
        update(key, PLAN_FORMAT, code, System.getProperty("os.arch"),
                System.getProperty("os.name"), absolute.toString(), String.valueOf(size), String.valueOf(modified));
        return dir.resolve(modelPrefix(absolute) + "-" + HexFormat.of().formatHex(key.digest(), 0, 16) + PLAN_SUFFIX);
    }

    private static String modelPrefix(Path absolute) {
        return HexFormat.of().formatHex(sha256().digest(absolute.toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    /** A file's identity for the cache: its size, modification time and a CRC32 of its whole content. */
    record Fingerprint(long size, long modified, long crc) {
        static Fingerprint of(Path file) throws IOException {
            CRC32 crc = new CRC32();
            long size;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                size = channel.size();
                // Mapped in pieces below 2 GB; one native CRC32 call per piece reads the pages in place.
                for (long at = 0; at < size; at += HASH_PIECE) {
                    crc.update(channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(HASH_PIECE, size - at)));
                }
            }
            return new Fingerprint(size, Files.getLastModifiedTime(file).toMillis(), crc.getValue());
        }

        String[] parts() {
            return new String[] {String.valueOf(size), String.valueOf(modified), Long.toHexString(crc)};
        }
    }

    /**
     * The edited model with each initializer's bytes left out: they are the file's, hashed already, and
     * serializing them would copy the whole model.
     */
    private static ModelProto withoutWeights(ModelProto edited) {
        GraphProto.Builder graph = edited.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            graph.setInitializer(i, graph.getInitializer(i).toBuilder().clearRawData());
        }
        return edited.toBuilder().setGraph(graph).build();
    }

    private static void update(MessageDigest key, String... parts) {
        for (String part : parts) {
            key.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            key.update((byte) 0);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One model's place in the cache. */
    static final class Entry {
        private final Path dir;
        private final String modelPrefix;
        private final Path file;
        private final Path plan;
        private final Fingerprint model;
        private final long budget;

        private Entry(Path dir, String modelPrefix, Path file, Path plan, Fingerprint model, long budget) {
            this.dir = dir;
            this.modelPrefix = modelPrefix;
            this.file = file;
            this.plan = plan;
            this.model = model;
            this.budget = budget;
        }

        /** The optimized graph's file; it exists only when a whole entry was written. */
        Path file() {
            return file;
        }

        boolean exists() {
            return Files.isRegularFile(file);
        }

        /** Whether the entry is in ORT format (else ONNX, for a model with external data). */
        boolean ortFormat() {
            return file.getFileName().toString().endsWith(ORT_SUFFIX);
        }

        /**
         * Saves what the surgeon found beside the entry, so that the next open of the same file skips the edit;
         * the model's plans for other builds or versions of the file go.
         */
        void savePlan(EditedGraph graph, String ortVersion) {
            if (plan == null || !exists()) {
                return;
            }
            new PlanFile(ortVersion, model, file.getFileName().toString(), graph).write(plan);
            try {
                deleteOthers(modelPrefix + "-*" + PLAN_SUFFIX, plan);
            } catch (IOException e) {
                // a stale plan is never read (its name holds what it was made from); it only takes a little room
            }
        }

        /** Deletes the plan that led to this entry, which turned out unusable. */
        void discardPlan() {
            if (plan != null) {
                discard(plan);
            }
        }

        /** Marks the entry as just used, so the budget keeps it over entries not read for longer. */
        void markUsed() {
            try {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException | SecurityException e) {
                // a read-only cache still serves; the entry only ages sooner
            }
        }

        /**
         * A new empty temporary file in the cache directory for ONNX Runtime to write the entry into, or null
         * when the directory cannot be written (then there is no cache).
         */
        Path newTemporary() {
            try {
                Files.createDirectories(dir);
                // Part files of starts that were killed while writing an entry would otherwise pile up here.
                PartFiles.removeStale(dir);
                return PartFiles.create(dir);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return null;
            }
        }

        /** Moves a written temporary file into place and deletes the model's older entries. */
        void commit(Path temporary) {
            try {
                if (Files.size(temporary) == 0) {
                    throw new IOException("ONNX Runtime wrote nothing");
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
                deleteOlderEntries();
                keepWithinBudget();
            } catch (IOException e) {
                // falls through: the part file is deleted (or, moved into place, forgotten) below
            }
            PartFiles.discard(temporary);
        }

        /** Deletes a file of this entry that turned out unusable (a corrupt entry, a failed write). */
        void discard(Path unusable) {
            PartFiles.discard(unusable);
        }

        /** Deletes the least recently used other entries until all fit in the budget. */
        private void keepWithinBudget() throws IOException {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, ANY_ENTRY)) {
                all.forEach(entries::add);
            }
            Map<Path, long[]> sizeAndTime = new HashMap<>();
            for (Path e : entries) {
                try {
                    sizeAndTime.put(e, new long[] {Files.size(e), Files.getLastModifiedTime(e).toMillis()});
                } catch (IOException gone) {
                    // another start deleted it meanwhile
                }
            }
            List<Path> newestFirst = new ArrayList<>(sizeAndTime.keySet());
            newestFirst.sort(Comparator.comparingLong((Path e) -> sizeAndTime.get(e)[1]).reversed());
            newestFirst.remove(file);
            long total = sizeAndTime.getOrDefault(file, new long[] {0})[0];
            for (Path e : newestFirst) {
                total += sizeAndTime.get(e)[0];
                if (total > budget) {
                    discard(e);
                    String name = e.getFileName().toString();
                    if (ENTRY_NAME.matcher(name).matches()) {
                        deleteOthers(name.substring(0, name.indexOf('-') + 1) + "*" + PLAN_SUFFIX, null);
                    }
                }
            }
        }

        private void deleteOlderEntries() throws IOException {
            deleteOthers(modelPrefix + "-" + ANY_ENTRY, file);
        }

        private void deleteOthers(String glob, Path keep) throws IOException {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, glob)) {
                for (Path other : found) {
                    if (!other.equals(keep)) {
                        discard(other);
                    }
                }
            }
        }
    }
}
