package io.headlight.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.RunOptions;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An opened model that turns text into an {@link AttentionResult}: the tokenizer and one ONNX Runtime
 * session on the attention-exposing graph, both kept for the model's lifetime.
 *
 * <p>Runs are serialised (ONNX Runtime already uses every core for one run, and the runs share one output
 * buffer); {@link #explain} may be called from any thread.
 */
public final class AttentionModel implements AutoCloseable {
    private static final String PROBE_TEXT = "Headlight checks the model";

    private final ModelSource source;
    private final EditedGraph graph;
    private final TextEncoder encoder;
    private final OrtEnvironment environment;
    private final OrtSession session;
    /** The mapped cache entry the session reads its weights from in place, kept as long as the session. */
    private final java.nio.ByteBuffer sessionBytes;
    private final InputFeeder feeder;
    private final ModelInfo info;
    private final ModelDescription description;
    private final Opening opening;
    private final long[] stackedLead;
    private final boolean keepQueryKey;
    private final boolean keepHidden;
    /** Why norm-based attention cannot be computed for this model, or null when it can. */
    private final String normsNote;
    private final Object runLock = new Object();
    private final OutputArena arena = new OutputArena();
    private final Set<RunOptions> running = ConcurrentHashMap.newKeySet();
    private final Set<RunOptions> cancelled = ConcurrentHashMap.newKeySet();
    private final ExecutorService allocator = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "headlight-result-arrays");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    private AttentionModel(ModelSource source, EditedGraph graph, TextEncoder encoder,
                           OrtEnvironment environment, GraphSession.Opened opened, Opening opening)
            throws HeadlightException {
        this.source = source;
        this.opening = opening;
        this.sessionBytes = opened.inPlace();
        this.graph = graph;
        this.encoder = encoder;
        this.environment = environment;
        this.session = opened.session();
        this.feeder = feeder(graph, session, source.onnxFile().getFileName().toString());
        Probe probe = probe();
        this.stackedLead = probe.stackedLead;
        this.keepQueryKey = probe.headDim > 0;
        this.keepHidden = probe.hiddenSize > 0;
        this.normsNote = probe.normsNote;
        int hidden = probe.hiddenSize > 0 ? probe.hiddenSize : graph.embeddings().hiddenSize();
        int headDim = probe.headDim > 0 ? probe.headDim : hidden / probe.heads;
        this.info = new ModelInfo(source.id(), source.displayName(), probe.layers, probe.heads, hidden, headDim,
                graph.embeddings().maxPositions(), graph.embeddings().vocabRows(), keepQueryKey,
                feeder.inputs(), graph.elementType());
        this.description = new ModelDescription(info, source.onnxFile().getFileName().toString(), graph.inputs(),
                graph.forms(), scoreScales(), graph.quantizedOps(), probe.queryKeyNote, normsNote);
    }

    /**
     * Opens a model: reads its graph (the file itself is never written), exposes its attention, checks that
     * the tokenizer fits its embeddings and starts an ONNX Runtime session.
     *
     * @throws HeadlightException when the file is not an ONNX model, holds no findable attention, or its
     *                            tokenizer does not belong to it
     */
    public static AttentionModel open(ModelSource source) throws HeadlightException {
        return open(source, OptimizedGraphCache.forUser());
    }

    /** Opens a model with the optimized graphs cached in {@code cache} (null: no cache). */
    static AttentionModel open(ModelSource source, OptimizedGraphCache cache) throws HeadlightException {
        String label = source.onnxFile().getFileName().toString();
        StartupTrace.mark("open " + source.id());
        // Loading ONNX Runtime's library overlaps reading the graph; the tokenizer overlaps the session's start.
        CompletableFuture<OrtEnvironment> environment = inParallel(OrtRuntime::environment);
        Optional<OptimizedGraphCache.Planned> planned = cache == null ? Optional.empty()
                : cache.planned(source.onnxFile());
        StartupTrace.mark(planned.isPresent() ? "plan read" : "no plan");
        if (planned.isPresent()) {
            AttentionModel model = openPlanned(source, planned.get(), environment);
            if (model != null) {
                return model;
            }
        }
        OptimizedGraphCache.Fingerprint fingerprint = cache == null ? null : fingerprint(source.onnxFile());
        ModelProto parsed = ModelFile.parse(source.onnxFile(), label);
        StartupTrace.mark("parsed");
        EditedGraph edited = GraphSurgeon.edit(parsed, label);
        checkInputs(edited, label);
        List<Path> external = ModelFile.externalData(parsed, source.onnxFile().toAbsolutePath().getParent(), label);
        parsed = null; // the edited model shares its weights; nothing else needs the parsed one
        StartupTrace.mark("graph edited");
        CompletableFuture<TextEncoder> encoder = inParallel(
                () -> TextEncoder.open(source.tokenizerFile(), edited.embeddings().maxPositions()));
        GraphSession.Opened session = null;
        try {
            join(environment);
            StartupTrace.mark("ort loaded");
            session = GraphSession.open(edited, source.onnxFile(), fingerprint, external, cache, true, label);
            TextEncoder tokenizer = tokenizer(encoder, edited, source, label);
            EditedGraph plan = edited.withoutBytes();
            AttentionModel model;
            try {
                model = new AttentionModel(source, plan, tokenizer, join(environment), session,
                        session.fromCache() ? Opening.FROM_CACHE : Opening.OPTIMIZED);
            } catch (HeadlightException | RuntimeException e) {
                if (!session.fromCache()) {
                    throw e;
                }
                // An entry that loads but does not run as the edited graph does is corrupt: replace it.
                closeQuietly(session.session());
                session.entry().discard(session.entry().file());
                session = GraphSession.open(edited, source.onnxFile(), fingerprint, external, cache, false, label);
                model = new AttentionModel(source, plan, tokenizer, join(environment), session, Opening.OPTIMIZED);
            }
            if (session.entry() != null) {
                session.entry().savePlan(plan, OrtRuntime.version());
            }
            StartupTrace.mark("model ready");
            return model;
        } catch (HeadlightException | RuntimeException e) {
            closeQuietly(session == null ? null : session.session());
            closeWhenDone(encoder);
            throw e;
        }
    }

    /**
     * Opens a model on a saved plan and its cache entry, skipping the parse and the edit; null when the entry
     * turns out not to load or not to run as the plan says (both are deleted then, and the caller opens the long
     * way). A tokenizer that does not fit the model fails here as it would there.
     */
    private static AttentionModel openPlanned(ModelSource source, OptimizedGraphCache.Planned planned,
                                              CompletableFuture<OrtEnvironment> environment)
            throws HeadlightException {
        String label = source.onnxFile().getFileName().toString();
        EditedGraph graph = planned.plan().graph();
        CompletableFuture<TextEncoder> encoder = inParallel(
                () -> TextEncoder.open(source.tokenizerFile(), graph.embeddings().maxPositions()));
        GraphSession.Opened session = null;
        try {
            boolean current = planned.plan().model().equals(fingerprint(source.onnxFile()));
            StartupTrace.mark("model file hashed");
            join(environment);
            StartupTrace.mark("ort loaded");
            if (current && planned.plan().ortVersion().equals(OrtRuntime.version())) {
                session = GraphSession.fromEntry(planned.entry(), null);
            }
            if (session == null) {
                planned.entry().discardPlan();
                closeWhenDone(encoder);
                return null;
            }
            TextEncoder tokenizer = tokenizer(encoder, graph, source, label);
            try {
                AttentionModel model = new AttentionModel(source, graph, tokenizer, join(environment), session,
                        Opening.FROM_PLAN);
                StartupTrace.mark("model ready");
                return model;
            } catch (HeadlightException | RuntimeException e) {
                closeQuietly(session.session());
                tokenizer.close();
                planned.entry().discardPlan();
                planned.entry().discard(planned.entry().file());
                return null;
            }
        } catch (HeadlightException | RuntimeException e) {
            closeQuietly(session == null ? null : session.session());
            closeWhenDone(encoder);
            throw e;
        }
    }

    /** The opened tokenizer, checked to fit the model's word embeddings. */
    private static TextEncoder tokenizer(CompletableFuture<TextEncoder> encoder, EditedGraph graph,
                                         ModelSource source, String label) throws HeadlightException {
        TextEncoder tokenizer = join(encoder);
        StartupTrace.mark("tokenizer ready");
        int vocabRows = graph.embeddings().vocabRows();
        int ids = tokenizer.vocabSize();
        if (vocabRows > 0 && ids > vocabRows) {
            tokenizer.close();
            throw new HeadlightException("The tokenizer " + source.tokenizerFile().getFileName() + " has "
                    + ids + " ids but " + label + " has only " + vocabRows
                    + " word embeddings; use the tokenizer.json exported with this model");
        }
        return tokenizer;
    }

    /** The model file's fingerprint for the cache, or null when it cannot be read (opening then says why). */
    private static OptimizedGraphCache.Fingerprint fingerprint(Path file) {
        try {
            return OptimizedGraphCache.Fingerprint.of(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void closeWhenDone(CompletableFuture<TextEncoder> encoder) {
        encoder.whenComplete((opened, failure) -> {
            if (opened != null) {
                opened.close();
            }
        });
    }

    /** Whether the session was started from the cache of optimized graphs rather than optimized afresh. */
    public boolean openedFromCache() {
        return opening != Opening.OPTIMIZED;
    }

    /** Whether the open also skipped parsing and editing the graph, reading what they find from a saved plan. */
    public boolean openedFromPlan() {
        return opening == Opening.FROM_PLAN;
    }

    /** How the session was started. */
    private enum Opening {
        /** From the edited graph, optimized afresh. */
        OPTIMIZED,
        /** From the cached optimized graph, after editing the model to find its entry. */
        FROM_CACHE,
        /** From the cached optimized graph, found through a saved plan without editing. */
        FROM_PLAN
    }

    private static <T> CompletableFuture<T> inParallel(OpenStep<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(step.run());
            } catch (HeadlightException | RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "headlight-open");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static <T> T join(CompletableFuture<T> step) throws HeadlightException {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof HeadlightException h) {
                throw new HeadlightException(h.getMessage(), h);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** A part of opening that runs beside the others. */
    @FunctionalInterface
    private interface OpenStep<T> {
        T run() throws HeadlightException;
    }

    /** Layers, heads and sizes of the opened model. */
    public ModelInfo info() {
        return info;
    }

    /** What Headlight understood of the graph: each layer's attention form, scales, inputs, element type. */
    public ModelDescription description() {
        return description;
    }

    /**
     * The inputs the model takes, in graph order: {@code input_ids}, and {@code attention_mask} and
     * {@code token_type_ids} where it has them; {@link Encoding#input} says what each is fed.
     */
    public List<String> inputNames() {
        return List.copyOf(graph.inputs());
    }

    /** Where the model's files are. */
    public ModelSource source() {
        return source;
    }

    /**
     * Per layer, the constant the attention scores are multiplied by before the softmax (1/sqrt(d) in BERT),
     * as found in the graph; NaN where the graph's own attention outputs were used and no scale was seen.
     */
    public float[] scoreScales() {
        float[] scales = new float[info.layers()];
        float[] found = graph.scoreScales();
        for (int i = 0; i < scales.length; i++) {
            scales[i] = i < found.length ? found[i] : Float.NaN;
        }
        return scales;
    }

    /**
     * Tokenizes one sentence or a pair and returns every layer's and head's attention for it, in a result of
     * its own that may be kept and shared.
     *
     * @param textA the sentence (or its first half)
     * @param textB the second sentence of a pair, or null
     * @throws HeadlightException on blank text, a closed model or a failed run
     */
    public AttentionResult explain(String textA, String textB) throws HeadlightException {
        return explain(textA, textB, Norms.SKIP);
    }

    /**
     * Like {@link #explain(String, String)}; with {@link Norms#COMPUTE} the result also carries every layer's
     * value Gram (see {@link AttentionResult#hasValueGram}) where the model's form exposes it.
     */
    public AttentionResult explain(String textA, String textB, Norms norms) throws HeadlightException {
        ensureOpen();
        Encoding encoding = encoder.encode(textA, textB);
        synchronized (runLock) {
            ensureOpen();
            return run(encoding, true, norms);
        }
    }

    /**
     * Like {@link #explain}, but lends {@code use} a result that reads the model's own output buffers, which
     * saves copying every head's attention (150 MB at 512 tokens on a 12-layer model) into a result of its own.
     * For one pass over a result, as an export makes: the lent result is valid only until {@code use} returns,
     * and other runs of this model wait until then.
     *
     * @return what {@code use} returns
     * @throws HeadlightException on blank text, a closed model, a failed run, or from {@code use}
     */
    public <T, E extends Exception> T explainInPlace(String textA, String textB, InPlaceUse<T, E> use)
            throws HeadlightException, E {
        return explainInPlace(textA, textB, Norms.SKIP, use);
    }

    /** Like {@link #explainInPlace(String, String, InPlaceUse)}, with the value Grams when {@code norms} asks. */
    public <T, E extends Exception> T explainInPlace(String textA, String textB, Norms norms, InPlaceUse<T, E> use)
            throws HeadlightException, E {
        ensureOpen();
        Encoding encoding = encoder.encode(textA, textB);
        synchronized (runLock) {
            ensureOpen();
            AttentionResult lent = run(encoding, false, norms);
            try {
                return use.use(lent);
            } finally {
                lent.giveBack();
            }
        }
    }

    /** What {@link #explainInPlace} does with the result it lends. */
    @FunctionalInterface
    public interface InPlaceUse<T, E extends Exception> {
        T use(AttentionResult lent) throws HeadlightException, E;
    }

    /** Stops the run in progress, if any; its {@link #explain} call fails with "cancelled". */
    public void cancel() {
        for (RunOptions options : running) {
            cancelled.add(options);
            try {
                options.setTerminate(true);
            } catch (OrtException ignored) {
                // the run has just finished; nothing left to stop
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancel();
        synchronized (runLock) {
            closeQuietly(session);
            encoder.close();
            allocator.shutdown();
        }
    }

    /**
     * Runs the edited graph with its outputs pinned into the arena. With {@code copy}, returns a result with
     * its own copy of them; without, a result reading the arena itself, valid until the next run.
     */
    private AttentionResult run(Encoding encoding, boolean copy, Norms norms) throws HeadlightException {
        int t = encoding.length();
        int layers = info.layers();
        int heads = info.heads();
        int d = info.headDim();
        int headBlock = heads * t * t;
        int qkBlock = heads * t * d;
        if ((long) layers * heads * t * t > Integer.MAX_VALUE - 8) {
            throw new HeadlightException(t + " tokens are too many to hold every head's attention; use shorter text");
        }
        FloatBuffer attention;
        FloatBuffer queries = null;
        FloatBuffer keys = null;
        FloatBuffer hidden = null;
        FloatBuffer gram = null;
        int gramBlock = t * heads * heads;
        boolean keepGram = normsNote == null && norms == Norms.COMPUTE;
        long outputFloats = (long) layers * headBlock + (keepQueryKey ? 2L * layers * qkBlock : 0)
                + (keepHidden ? (long) t * info.hiddenSize() : 0) + (keepGram ? (long) layers * gramBlock : 0);
        try {
            arena.reset(outputFloats);
            // Each tensor laid out whole, so that a result can read it in place as one buffer.
            attention = arena.slice((long) layers * headBlock);
            if (keepQueryKey) {
                queries = arena.slice((long) layers * qkBlock);
                keys = arena.slice((long) layers * qkBlock);
            }
            if (keepHidden) {
                hidden = arena.slice((long) t * info.hiddenSize());
            }
            if (keepGram) {
                gram = arena.slice((long) layers * gramBlock);
            }
        } catch (OutOfMemoryError | IllegalArgumentException e) {
            throw outOfMemory(e, 4L * outputFloats, t);
        }

        try (NativeValues inputs = inputs(encoding, keepGram); NativeValues pinned = new NativeValues();
             RunOptions options = new RunOptions()) {
            if (graph.stacked()) {
                long[] shape = Arrays.copyOf(stackedLead, 5);
                shape[2] = heads;
                shape[3] = t;
                shape[4] = t;
                pin(pinned, graph.attentionOutputs().get(0), attention, shape);
            } else {
                for (int l = 0; l < layers; l++) {
                    pin(pinned, graph.attentionOutputs().get(l), attention.slice(l * headBlock, headBlock),
                            1, heads, t, t);
                }
            }
            if (keepQueryKey) {
                for (int l = 0; l < layers; l++) {
                    pin(pinned, graph.queryOutputs().get(l), queries.slice(l * qkBlock, qkBlock), 1, heads, t, d);
                    pin(pinned, graph.keyOutputs().get(l), keys.slice(l * qkBlock, qkBlock), 1, heads, d, t);
                }
            }
            if (keepHidden) {
                pin(pinned, graph.hiddenOutput(), hidden, 1, t, info.hiddenSize());
            }
            if (keepGram) {
                for (int l = 0; l < layers; l++) {
                    pin(pinned, graph.norms().grams().get(l), gram.slice(l * gramBlock, gramBlock), 1, t, heads,
                            heads);
                }
            }

            // Zero-filling the result arrays (and any GC pause it triggers) overlaps the native run this way.
            CompletableFuture<ResultArrays> arrays = copy ? CompletableFuture.supplyAsync(
                    () -> ResultArrays.allocate(layers, heads, t, d, info.hiddenSize(), keepQueryKey, keepHidden),
                    allocator) : null;
            running.add(options);
            try (OrtSession.Result ignored = session.run(inputs.asMap(), Set.of(), pinned.asMap(), options)) {
                // the outputs are in the pinned buffers
            } catch (OrtException e) {
                if (cancelled.contains(options) || closed) {
                    throw new HeadlightException("The run was cancelled", e);
                }
                throw e;
            } finally {
                running.remove(options);
                cancelled.remove(options);
                // The session may have read its weights from these bytes until here.
                java.lang.ref.Reference.reachabilityFence(sessionBytes);
            }
            if (copy) {
                ResultArrays into = await(arrays, 4L * outputFloats, t);
                copyOut(into, attention, queries, keys, hidden);
                return result(encoding, FloatBuffer.wrap(into.attention()), AttentionResult.wrap(into.queries()),
                        AttentionResult.wrap(into.keys()), AttentionResult.wrap(into.hidden()))
                        .withValueGram(gram == null ? null : FloatBuffer.wrap(copyOf(gram)));
            }
            return result(encoding, attention, queries, keys, hidden).withValueGram(gram);
        } catch (OrtException e) {
            throw new HeadlightException("Running " + info.id() + " failed: " + firstLine(e), e);
        }
    }

    /**
     * Running out of memory, said with its real cause: how much this input needs against how much of the
     * heap (or of the direct memory ONNX Runtime writes into) is already taken.
     */
    private HeadlightException outOfMemory(Throwable cause, long needed, int tokens) {
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory();
        long used = rt.totalMemory() - rt.freeMemory();
        boolean direct = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("direct");
        String what = info.layers() + " x " + info.heads() + " heads over " + tokens + " tokens need "
                + (needed >> 20) + " MB";
        String where = direct ? "of the direct memory for ONNX Runtime's outputs"
                : "of the Java heap (" + (used >> 20) + " of " + (max >> 20) + " MB in use)";
        return new HeadlightException("Not enough memory for every head's attention: " + what
                + ", more than is left " + where + "; use a shorter text or give Java more memory (-Xmx)", cause);
    }

    /** Waits for work on the helper thread, turning running out of memory there into a readable error. */
    private <T> T await(CompletableFuture<T> pending, long needed, int tokens) throws HeadlightException {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                throw outOfMemory(e.getCause(), needed, tokens);
            }
            throw e;
        }
    }

    private AttentionResult result(Encoding encoding, FloatBuffer attention, FloatBuffer queries,
                                   FloatBuffer keys, FloatBuffer hidden) {
        return new AttentionResult(info.id(), encoding.tokens(), info.layers(), info.heads(), attention,
                info.headDim(), queries, keys, true, info.hiddenSize(), hidden, encoding.truncated());
    }

    /** Copies the pinned outputs into a result's own arrays. */
    private void copyOut(ResultArrays into, FloatBuffer attention, FloatBuffer queries, FloatBuffer keys,
                         FloatBuffer hidden) throws HeadlightException {
        // Queries, keys and the hidden state are copied on the helper thread while this one copies the attention.
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
            if (queries != null) {
                queries.get(0, into.queries());
                keys.get(0, into.keys());
            }
            if (hidden != null) {
                hidden.get(0, into.hidden());
            }
        }, allocator);
        attention.get(0, into.attention());
        rest.join(); // copies into arrays that exist: nothing left to run out of memory on
    }

    private void pin(NativeValues pinned, String name, FloatBuffer into, long... shape) throws OrtException {
        pinned.put(name, OnnxTensor.createTensor(environment, into, shape));
    }

    /** The model's own inputs, and Headlight's switch for the norms side graph where the graph has one. */
    private NativeValues inputs(Encoding encoding, boolean norms) throws OrtException {
        NativeValues inputs = feeder.feed(environment, encoding);
        if (graph.norms().switchInput() != null) {
            try {
                inputs.put(graph.norms().switchInput(), OnnxTensor.createTensor(environment, norms));
            } catch (OrtException e) {
                inputs.close();
                throw e;
            }
        }
        return inputs;
    }

    private static float[] copyOf(FloatBuffer buffer) {
        float[] copy = new float[buffer.capacity()];
        buffer.get(0, copy);
        return copy;
    }

    /**
     * Why this model's norm-based attention ({@code ‖α f(x)‖}) cannot be computed, e.g. a fused attention
     * operator that keeps the value vectors inside; empty when every result carries what it needs.
     */
    public Optional<String> whyNoNorms() {
        return Optional.ofNullable(normsNote);
    }

    /** What one small run tells about the shapes of the outputs. */
    private static final class Probe {
        int layers;
        int heads;
        int headDim;
        int hiddenSize;
        long[] stackedLead;
        String queryKeyNote;
        String normsNote;
    }

    /**
     * Runs the model once on a short text to learn L, H and d from the actual output shapes, and checks that
     * what the surgeon took for attention has the shape of attention.
     */
    private Probe probe() throws HeadlightException {
        Encoding encoding = encoder.encode(PROBE_TEXT, null);
        long t = encoding.length();
        Set<String> wanted = new LinkedHashSet<>(graph.attentionOutputs());
        wanted.addAll(graph.queryOutputs());
        wanted.addAll(graph.keyOutputs());
        if (graph.hiddenOutput() != null) {
            wanted.add(graph.hiddenOutput());
        }
        wanted.addAll(graph.norms().grams());
        String label = source.onnxFile().getFileName().toString();
        Probe probe = new Probe();
        try (NativeValues inputs = inputs(encoding, true);
             OrtSession.Result result = session.run(inputs.asMap(), wanted)) {
            List<long[]> attention = new ArrayList<>();
            for (String name : graph.attentionOutputs()) {
                attention.add(shapeOf(result, name));
            }
            if (graph.stacked()) {
                long[] s = attention.get(0);
                if (s.length != 5 || s[3] != t || s[4] != t || s[0] * s[1] != Math.max(s[0], s[1])) {
                    throw notAttention(label, s);
                }
                probe.layers = (int) Math.max(s[0], s[1]);
                probe.heads = (int) s[2];
                probe.stackedLead = new long[] {s[0], s[1]};
            } else {
                probe.layers = attention.size();
                probe.heads = (int) attention.get(0)[1];
                for (long[] s : attention) {
                    if (s.length != 4 || s[0] != 1 || s[1] != probe.heads || s[2] != t || s[3] != t) {
                        throw notAttention(label, s);
                    }
                }
            }
            probe.headDim = queryKeyWidth(result, probe, t);
            if (probe.headDim > 0) {
                probe.queryKeyNote = queryKeyMismatch(result, probe, (int) t);
                probe.headDim = probe.queryKeyNote == null ? probe.headDim : 0;
            } else if (graph.hasQueryKey()) {
                probe.queryKeyNote = "the tensors found for them do not have the shapes of q and K^T";
            } else {
                probe.queryKeyNote = "the graph does not compute them where Headlight can see them";
            }
            if (graph.hiddenOutput() != null) {
                long[] s = shapeOf(result, graph.hiddenOutput());
                probe.hiddenSize = s.length == 3 && s[0] == 1 && s[1] == t ? (int) s[2] : 0;
            }
            probe.normsNote = gramMismatch(result, probe, t);
            return probe;
        } catch (OrtException e) {
            throw new HeadlightException("ONNX Runtime cannot run " + label + " on a short text: " + firstLine(e), e);
        }
    }

    /** Null when every layer's Gram output is {@code [1,T,H,H]}; else why norms are not available. */
    private String gramMismatch(OrtSession.Result result, Probe probe, long t) throws OrtException {
        if (!graph.norms().available()) {
            return graph.norms().unavailable();
        }
        if (graph.norms().grams().size() != probe.layers) {
            return "value vectors were found for " + graph.norms().grams().size() + " of " + probe.layers + " layers";
        }
        for (String name : graph.norms().grams()) {
            long[] s = shapeOf(result, name);
            if (s.length != 4 || s[0] != 1 || s[1] != t || s[2] != probe.heads || s[3] != probe.heads) {
                return "the value vectors found have shapes that do not match the attention heads";
            }
        }
        return null;
    }

    /** The head width d when every layer's Q is {@code [1,H,T,d]} and K^T {@code [1,H,d,T]}; else 0. */
    private int queryKeyWidth(OrtSession.Result result, Probe probe, long t) throws OrtException {
        if (graph.queryOutputs().size() != probe.layers) {
            return 0;
        }
        long d = -1;
        for (int l = 0; l < probe.layers; l++) {
            long[] q = shapeOf(result, graph.queryOutputs().get(l));
            long[] k = shapeOf(result, graph.keyOutputs().get(l));
            if (q.length != 4 || k.length != 4 || q[1] != probe.heads || k[1] != probe.heads || q[2] != t
                    || k[3] != t || q[3] != k[2] || (d >= 0 && q[3] != d)) {
                return 0;
            }
            d = q[3];
        }
        return (int) d;
    }

    /** Null when every layer's q and K^T reproduce its attention on the probe; else why not. */
    private String queryKeyMismatch(OrtSession.Result result, Probe probe, int t) throws OrtException {
        int block = probe.heads * t * t;
        FloatBuffer attention = graph.stacked() ? floats(result, graph.attentionOutputs().get(0)) : null;
        for (int l = 0; l < probe.layers; l++) {
            FloatBuffer layer = graph.stacked() ? attention.position(l * block)
                    : floats(result, graph.attentionOutputs().get(l));
            float scale = l < graph.scoreScales().length ? graph.scoreScales()[l] : Float.NaN;
            double worst = QueryKeyCheck.worstDifference(layer, floats(result, graph.queryOutputs().get(l)),
                    floats(result, graph.keyOutputs().get(l)), probe.heads, t, probe.headDim, scale);
            if (!(worst <= QueryKeyCheck.TOLERANCE)) {
                return "softmax(q . k x scale) misses layer " + l + "'s attention by "
                        + String.format(java.util.Locale.ROOT, "%.3g", worst) + ", so the graph scales them in a"
                        + " way Headlight does not follow";
            }
        }
        return null;
    }

    private static FloatBuffer floats(OrtSession.Result result, String name) throws OrtException {
        return ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
    }

    private static long[] shapeOf(OrtSession.Result result, String name) throws OrtException {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
        if (!(value instanceof OnnxTensor tensor)) {
            return new long[0];
        }
        return tensor.getInfo().getShape();
    }

    private static HeadlightException notAttention(String label, long[] shape) {
        return new HeadlightException("Attention could not be found in " + label + ": the tensor taken for it has"
                + " shape " + Arrays.toString(shape) + " instead of [batch, heads, tokens, tokens]");
    }

    private static void checkInputs(EditedGraph graph, String label) throws HeadlightException {
        if (!graph.inputs().contains(ModelInput.INPUT_IDS)) {
            throw new HeadlightException(label + " has no input_ids input (it has " + graph.inputs()
                    + "); Headlight explains BERT-style encoders exported with optimum-cli or torch.onnx");
        }
        for (String name : graph.inputs()) {
            if (!ModelInput.KNOWN.contains(name)) {
                throw new HeadlightException(label + " needs an input '" + name + "' that Headlight cannot fill;"
                        + " it feeds only input_ids, attention_mask, token_type_ids and position_ids");
            }
        }
    }

    private static InputFeeder feeder(EditedGraph graph, OrtSession session, String label) throws HeadlightException {
        try {
            return InputFeeder.of(graph.inputs(), session.getInputInfo(), label);
        } catch (OrtException e) {
            throw new HeadlightException("ONNX Runtime cannot describe the inputs of " + label + ": " + firstLine(e), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this model has been closed");
        }
    }

    static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    private static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing: nothing useful to do about a failure
        }
    }
}
