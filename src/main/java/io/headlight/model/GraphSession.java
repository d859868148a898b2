package io.headlight.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import shade.com.google.protobuf.CodedOutputStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the ONNX Runtime session on an edited graph: from the {@link OptimizedGraphCache} when it holds the
 * graph already optimized (serializing the edited graph and optimizing it are then skipped), else from the
 * edited graph itself, handing ONNX Runtime its bytes once, in native memory, and saving the optimized result
 * for the next open.
 *
 * <p>Both ways produce the same optimized graph and the same kernels, so their results are equal bit for bit.
 * External data is found in the model's own folder wherever the process was started.
 */
final class GraphSession {
    /** ORT reads external data of a model given as bytes relative to this folder (else: the working directory). */
    private static final String EXTERNAL_DATA_FOLDER = "session.model_external_initializers_file_folder_path";
    /** A protobuf cannot reach 2 GB; models near that are opened afresh every time. */
    private static final long LARGEST_CACHED = 3L << 29;
    /** How ONNX Runtime says it has no kernel for a node: "...implementation for Sub(14) node with name '/Sub'". */
    private static final Pattern MISSING_KERNEL =
            Pattern.compile("Could not find an implementation for (\\S+) node with name '([^']*)'");

    /** Saves the optimized graph in ORT format rather than ONNX. */
    private static final String SAVE_FORMAT = "session.save_model_format";
    /** Keep the model's bytes instead of copying them: they must then outlive the session. */
    private static final String BYTES_DIRECTLY = "session.use_ort_model_bytes_directly";
    /** And take the initializers from them in place. */
    private static final String BYTES_FOR_INITIALIZERS = "session.use_ort_model_bytes_for_initializers";

    /**
     * The session, whether it came from the cache, and the mapped entry it reads its weights from (null when it
     * copied them): whoever holds the session must hold these bytes until it is closed, since dropping the last
     * reference to a mapping unmaps it.
     */
    record Opened(OrtSession session, boolean fromCache, OptimizedGraphCache.Entry entry, ByteBuffer inPlace) {
    }

    private GraphSession() {
    }

    /**
     * Opens a session on {@code edited}, reading the cache when {@code readCache}.
     *
     * @param external the model's external data files (counted in the cache key)
     */
    static Opened open(EditedGraph edited, Path modelFile, OptimizedGraphCache.Fingerprint fingerprint,
                       List<Path> external, OptimizedGraphCache cache, boolean readCache, String label)
            throws HeadlightException {
        OptimizedGraphCache.Entry entry = entryFor(edited, modelFile, fingerprint, external, cache);
        StartupTrace.mark("cache key");
        if (entry != null && readCache && entry.exists()) {
            Opened cached = fromEntry(entry, external.isEmpty() ? null : modelFile.toAbsolutePath().getParent());
            if (cached != null) {
                return cached;
            }
        }
        ByteBuffer bytes = serialize(edited.model());
        Path temporary = entry == null ? null : entry.newTemporary();
        try {
            OrtSession session = fresh(bytes, modelFile.toAbsolutePath().getParent(), temporary,
                    entry != null && entry.ortFormat());
            StartupTrace.mark("session optimized" + (temporary == null ? "" : " and cached"));
            if (temporary != null) {
                entry.commit(temporary);
            }
            return new Opened(session, false, entry, null);
        } catch (OrtException e) {
            if (temporary == null) {
                throw cannotLoad(label, edited.elementType(), e);
            }
            // Perhaps only the entry could not be written (a full disk): open without the cache.
            entry.discard(temporary);
            try {
                return new Opened(fresh(bytes, modelFile.toAbsolutePath().getParent(), null, false), false, entry,
                        null);
            } catch (OrtException again) {
                throw cannotLoad(label, edited.elementType(), again);
            }
        }
    }

    /**
     * A session on a cache entry, with optimization off since the entry is optimized already; null when the entry
     * does not load (it is deleted then).
     *
     * @param externalDataFolder the model's folder when it keeps weights in external data, else null
     */
    static Opened fromEntry(OptimizedGraphCache.Entry entry, Path externalDataFolder) {
        try (SessionOptions options = OrtRuntime.sessionOptions()) {
            options.setOptimizationLevel(OptLevel.NO_OPT);
            Opened opened = entry.ortFormat() ? inPlace(entry, options)
                    : new Opened(fromCache(entry.file(), externalDataFolder, options), true, entry, null);
            StartupTrace.mark("session from cache");
            entry.markUsed();
            return opened;
        } catch (OrtException | IOException | RuntimeException corrupt) {
            entry.discard(entry.file());
            return null;
        }
    }

    /**
     * An ORT-format entry mapped and read in place. Entries are only ever replaced by moving a new file over them
     * or deleted, never rewritten where they are, so the mapping stays whole for the session's life.
     */
    private static Opened inPlace(OptimizedGraphCache.Entry entry, SessionOptions options)
            throws OrtException, IOException {
        options.addConfigEntry(BYTES_DIRECTLY, "1");
        options.addConfigEntry(BYTES_FOR_INITIALIZERS, "1");
        try (FileChannel channel = FileChannel.open(entry.file(), StandardOpenOption.READ)) {
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return new Opened(OrtRuntime.environment().createSession(mapped, options), true, entry, mapped);
        }
    }

    private static OptimizedGraphCache.Entry entryFor(EditedGraph edited, Path modelFile,
                                                      OptimizedGraphCache.Fingerprint fingerprint, List<Path> external,
                                                      OptimizedGraphCache cache) {
        if (cache == null || fingerprint == null || edited.model().getSerializedSize() > LARGEST_CACHED) {
            return null;
        }
        try {
            return cache.entry(modelFile, fingerprint, external, edited.model(), OrtRuntime.version());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * An ONNX entry. The optimized graph keeps a model's external data where it was, named relative to the model's
     * folder; read from the cache's folder ORT would look for it there. So such an entry is handed over as bytes
     * (mapped: it holds little but the graph; ORT copies it) with the model's folder to resolve the data against.
     */
    private static OrtSession fromCache(Path entry, Path externalDataFolder, SessionOptions options)
            throws OrtException, IOException {
        if (externalDataFolder == null) {
            return OrtRuntime.environment().createSession(entry.toString(), options);
        }
        options.addConfigEntry(EXTERNAL_DATA_FOLDER, externalDataFolder.toString());
        try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ)) {
            return OrtRuntime.environment().createSession(channel.map(FileChannel.MapMode.READ_ONLY, 0,
                    channel.size()), options);
        }
    }

    private static OrtSession fresh(ByteBuffer bytes, Path folder, Path optimizedInto, boolean ortFormat)
            throws OrtException {
        try (SessionOptions options = OrtRuntime.sessionOptions()) {
            options.addConfigEntry(EXTERNAL_DATA_FOLDER, folder.toString());
            if (optimizedInto != null) {
                options.setOptimizedModelFilePath(optimizedInto.toString());
                if (ortFormat) {
                    options.addConfigEntry(SAVE_FORMAT, "ORT");
                }
            }
            return OrtRuntime.environment().createSession(bytes.duplicate(), options);
        }
    }

    /** The model's bytes in native memory, which ONNX Runtime reads without another copy. */
    private static ByteBuffer serialize(ModelProto model) throws HeadlightException {
        try {
            ByteBuffer bytes = ByteBuffer.allocateDirect(model.getSerializedSize());
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            model.writeTo(out);
            out.flush();
            bytes.flip();
            return bytes;
        } catch (IOException | OutOfMemoryError e) {
            throw new HeadlightException("Not enough memory to hand the model to ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static HeadlightException cannotLoad(String label, String elementType, OrtException e) {
        Matcher missing = MISSING_KERNEL.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!elementType.equals("float32") && missing.find()) {
            // ORT's CPU provider lacks most bfloat16 kernels (MatMul, Add, Sub...): the model is valid, the runtime is not.
            return new HeadlightException("ONNX Runtime cannot run " + label + " on the CPU: it is a " + elementType
                    + " graph and ONNX Runtime has no " + elementType + " kernel for " + missing.group(1) + " (node '"
                    + missing.group(2) + "'); export or convert the model in float32 or float16", e);
        }
        return new HeadlightException("ONNX Runtime cannot load " + label + ", so it is not a valid ONNX model"
                + " it can run: " + AttentionModel.firstLine(e), e);
    }
}
