package io.headlight.ui;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelInfo;
import io.headlight.model.ModelSource;
import io.headlight.model.Norms;
import io.headlight.model.StartupTrace;
import io.headlight.render.AtomicFile;
import io.headlight.render.WriteFailure;
import io.headlight.ui.work.Background;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The explorer window's state and commands: which model is loaded, the sentences, the latest result, what
 * went wrong. Loading and inference run on the {@link Background}; the newest request wins and stale results
 * are dropped. Scrubbing never comes here: the views redraw from {@link #explainedProperty()}.
 */
public final class ExplorerViewModel implements AutoCloseable {
    private static final String MODEL_LANE = "model";
    private static final String INFERENCE_LANE = "inference";
    private static final String EXPORT_LANE = "export:";
    private static final String COMPARE_LANE = "compare";
    private static final Duration NOTE_SHOWN = Duration.seconds(4);

    private final Background background;
    private final Selection selection = new Selection();
    private final StringProperty textA = new SimpleStringProperty(this, "textA", "");
    private final StringProperty textB = new SimpleStringProperty(this, "textB", "");
    private final ReadOnlyObjectWrapper<ModelInfo> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper modelKey = new ReadOnlyStringWrapper(this, "modelKey");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper loadingWhat = new ReadOnlyStringWrapper(this, "loadingWhat", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<Explained> explained = new ReadOnlyObjectWrapper<>(this, "explained");
    private final StringProperty compareText = new SimpleStringProperty(this, "compareText", "");
    private final ReadOnlyObjectWrapper<Explained> compared = new ReadOnlyObjectWrapper<>(this, "compared");
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Headlight");
    private final ReadOnlyStringWrapper whyNoNorms = new ReadOnlyStringWrapper(this, "whyNoNorms", "");
    /** Norms were chosen when a model without them forced the weights: the choice stands for the next model. */
    private boolean normsHeldBack;
    private final BooleanProperty normSharesShown = new SimpleBooleanProperty(this, "normSharesShown", false);

    private AttentionModel current;
    private AttentionModel inFlight;
    private AttentionModel comparedBy;
    private long generation;
    private long inferenceMillis = -1;
    private double drawMillis = -1;
    private String lastExport = "";
    private String fontAdvice = "";
    private String notice = "";
    private int noticeResults;
    private boolean firstDrawn;

    public ExplorerViewModel(Background background) {
        this.background = background;
        model.addListener((obs, old, now) -> title.set(now == null ? "Headlight"
                : "Headlight — " + now.displayName()));
        // A new main result may come from a new model: compare against the same model. The same model gives the
        // comparison sentence the same result, so it is not run (and held twice) again for every new input.
        explained.addListener((obs, old, now) -> {
            if (compared.get() == null || comparedBy != current) {
                runComparison();
            }
        });
        // A result computed without norms is run again when they are asked for, so the switch shows them at once.
        selection.normsProperty().addListener((obs, old, now) -> rerunForNorms(now));
        normSharesShown.addListener((obs, old, now) -> rerunForNorms(now));
        updateStatus();
    }

    private void rerunForNorms(boolean wanted) {
        if (wanted && current != null && current.whyNoNorms().isEmpty()) {
            if (lacksNorms(explained.get())) {
                run();
            }
            if (lacksNorms(compared.get())) {
                runComparison();
            }
        }
    }

    private static boolean lacksNorms(Explained e) {
        return e != null && !NormAttention.available(e.result());
    }

    /** Loads a bundled model id, a folder or a .onnx file; on failure the previous model stays in use. */
    public void loadModel(String idOrPath) {
        load(idOrPath, null);
    }

    /**
     * Loads the model the last session used; when it cannot be opened (moved, deleted, broken) loads
     * {@code fallback} instead and says why in the status bar, rather than starting with no model.
     */
    public void loadRememberedModel(String idOrPath, String fallback) {
        load(idOrPath, idOrPath.equals(fallback) ? null : fallback);
    }

    private void load(String idOrPath, String fallback) {
        notice = "";
        loading.set(true);
        loadingWhat.set("Loading " + idOrPath + " …");
        updateStatus();
        background.replace(MODEL_LANE, () -> AttentionModel.open(ModelSource.resolve(idOrPath)),
                opened -> {
                    AttentionModel previous = current;
                    current = opened;
                    loading.set(false);
                    modelKey.set(idOrPath);
                    String why = opened.whyNoNorms().orElse("");
                    normsHeldBack |= !why.isEmpty() && selection.normsProperty().get();
                    whyNoNorms.set(why);
                    if (!why.isEmpty()) {
                        // The switch is disabled for this model; its views show the weights, as they say.
                        selection.normsProperty().set(false);
                    } else if (normsHeldBack) {
                        // The user chose norms before a model without them; the next model with them shows them.
                        normsHeldBack = false;
                        selection.normsProperty().set(true);
                    }
                    model.set(opened.info());
                    StartupTrace.mark("model shown");
                    selection.setShape(opened.info().layers(), opened.info().heads());
                    if (previous != null) {
                        background.afterPending(previous::close);
                    }
                    run();
                },
                failure -> {
                    loading.set(false);
                    if (fallback != null && current == null) {
                        load(fallback, null);
                        notice = "the last model, " + idOrPath + ", could not be opened ("
                                + Problem.of("", failure).message() + "); opened " + fallback + " instead";
                        noticeResults = 0;
                    } else {
                        report(Problem.of("Could not open model", failure));
                    }
                    updateStatus();
                });
    }

    /** Explains the current sentences with the current model; a newer call makes this one's result stale. */
    public void run() {
        AttentionModel using = current;
        String a = textA.get();
        if (using == null) {
            return;
        }
        if (a == null || a.isBlank()) {
            updateStatus();
            return;
        }
        String b = textB.get() == null || textB.get().isBlank() ? null : textB.get();
        long mine = ++generation;
        if (running.get() && inFlight != null) {
            // The older run's result would be dropped anyway; stop it so the new one starts sooner.
            inFlight.cancel();
        }
        inFlight = using;
        running.set(true);
        Norms norms = normsWanted();
        background.replace(INFERENCE_LANE, () -> Timed.of(() -> using.explain(a, b, norms)),
                timed -> {
                    if (mine != generation) {
                        return;
                    }
                    running.set(false);
                    if (++noticeResults > 1) {
                        // Said once: the notice stays for the first result after it, not for the whole session.
                        notice = "";
                    }
                    inferenceMillis = timed.millis();
                    selection.setShape(timed.value().layers(), timed.value().heads());
                    explained.set(new Explained(timed.value(), a, b));
                    StartupTrace.mark("result shown");
                    updateStatus();
                },
                failure -> {
                    if (mine != generation) {
                        return;
                    }
                    running.set(false);
                    report(Problem.of("Could not explain the text", failure));
                });
    }

    /**
     * Explains the comparison sentence with the current model for the compare view. A newer call replaces this
     * one; a run stopped because the main input changed is simply redone when the main result arrives.
     */
    public void runComparison() {
        AttentionModel using = current;
        String text = compareText.get();
        if (using == null || text == null || text.isBlank()) {
            background.replace(COMPARE_LANE, () -> null, none -> compared.set(null), failure -> { });
            return;
        }
        Norms norms = normsWanted();
        background.replace(COMPARE_LANE, () -> using.explain(text, null, norms),
                result -> {
                    comparedBy = using;
                    compared.set(new Explained(result, text, null));
                },
                failure -> {
                    compared.set(null);
                    if (!running.get()) {
                        report(Problem.of("Could not explain the comparison sentence", failure));
                    }
                });
    }

    /**
     * Norms cost a quarter of a run, so a run computes them only while something shows them: the norms measure,
     * or the head statistics with their norm shares. Read on the FX thread, before the run is handed off.
     */
    private Norms normsWanted() {
        return selection.normsProperty().get() || normSharesShown.get() ? Norms.COMPUTE : Norms.SKIP;
    }

    /** Set while the head statistics (whose norm shares need norms) are on screen. */
    public BooleanProperty normSharesShownProperty() {
        return normSharesShown;
    }

    /** Writes one export file off the UI thread; a failure becomes a one-line problem, success a status note. */
    public void export(Path file, AtomicFile.Content content) {
        background.replace(EXPORT_LANE + file, () -> {
            AtomicFile.write(file, content);
            return file;
        }, done -> noteForAWhile("saved " + done.getFileName()), failure -> report(Problem.of("Export failed",
                failure instanceof WriteFailure why ? new HeadlightException(why.getMessage(), why) : failure)));
    }

    /** Says in the status bar, for a few seconds, what an export wrote. */
    public void reportSaved(String what) {
        noteForAWhile(what);
    }

    /** What Headlight understood of the open model, as {@code inspect} prints it; empty before one is open. */
    public Optional<String> modelDescription() {
        AttentionModel m = current;
        return m == null ? Optional.empty() : Optional.of(m.description().text());
    }

    /** The inputs the current model takes, which a labelled export records; just input_ids before one loads. */
    public List<String> modelInputNames() {
        AttentionModel m = current;
        return m == null ? List.of("input_ids") : m.inputNames();
    }

    /** Views report how long their last redraw took, for the status bar. */
    public void reportDrawTime(double millis) {
        drawMillis = millis;
        if (explained.get() != null && !firstDrawn) {
            firstDrawn = true;
            StartupTrace.mark("first result drawn");
            if (StartupTrace.exitAfterFirstResult()) {
                Platform.exit();
            }
        }
        updateStatus();
    }

    /** The window's note that some of the shown text has no installed font (with the package to install), or "". */
    public void reportMissingFont(String advice) {
        fontAdvice = advice;
        updateStatus();
    }

    /** A note such as "saved heatmap.png" stays in the status bar for a few seconds, then goes. */
    private void noteForAWhile(String note) {
        lastExport = note;
        updateStatus();
        if (Platform.isFxApplicationThread()) {
            PauseTransition fade = new PauseTransition(NOTE_SHOWN);
            fade.setOnFinished(e -> {
                if (lastExport.equals(note)) {
                    lastExport = "";
                    updateStatus();
                }
            });
            fade.play();
        }
    }

    /** Shows a problem that arose in a view (an export that failed, a file that cannot be opened). */
    public void report(Problem what) {
        problem.set(what);
    }

    private void updateStatus() {
        AttentionResult r = explained.get() == null ? null : explained.get().result();
        StringBuilder s = new StringBuilder();
        if (loading.get()) {
            // One state while a model loads: what is loading, and the shown result's figures if there is one.
            s.append(loadingWhat.get());
            if (r != null) {
                s.append("  ·  ");
            }
        }
        if (r == null) {
            if (!loading.get()) {
                s.append(current == null ? "No model loaded" : "Type a sentence and press Enter");
            }
        } else {
            s.append("T = ").append(r.length()).append(" tokens");
            if (r.truncated()) {
                ModelInfo info = model.get();
                int limit = info == null ? r.length() : info.maxPositions();
                s.append("  ·  input cut to ").append(limit).append(" tokens");
            }
            s.append(current == null ? "" : "  ·  " + current.description().summary());
            if (inferenceMillis >= 0) {
                s.append("  ·  inference ").append(inferenceMillis).append(" ms");
            }
            if (drawMillis >= 0) {
                s.append("  ·  draw ").append(String.format(Locale.ROOT, "%.1f", drawMillis)).append(" ms");
            }
        }
        if (!notice.isEmpty()) {
            s.append("  ·  ").append(notice);
        }
        if (!lastExport.isEmpty()) {
            s.append("  ·  ").append(lastExport);
        }
        if (!fontAdvice.isEmpty()) {
            s.append("  ·  ").append(fontAdvice);
        }
        status.set(s.toString());
    }

    /** Closes the loaded model once no queued run needs it. */
    @Override
    public void close() {
        AttentionModel m = current;
        current = null;
        if (m != null) {
            background.afterPending(m::close);
        }
    }

    public Selection selection() {
        return selection;
    }

    public StringProperty textAProperty() {
        return textA;
    }

    public StringProperty textBProperty() {
        return textB;
    }

    public ReadOnlyObjectProperty<ModelInfo> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The id or path the current model was opened from (what the picker shows and settings remember). */
    public ReadOnlyStringProperty modelKeyProperty() {
        return modelKey.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadingWhatProperty() {
        return loadingWhat.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The latest result and its sentences; null until the first run succeeds. */
    public ReadOnlyObjectProperty<Explained> explainedProperty() {
        return explained.getReadOnlyProperty();
    }

    /** The second sentence of the compare view. */
    public StringProperty compareTextProperty() {
        return compareText;
    }

    /** The comparison sentence's result under the current model, or null. */
    public ReadOnlyObjectProperty<Explained> comparedProperty() {
        return compared.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the loaded model cannot give norms ‖α f(x)‖ (a fused form hides its value vectors), or "" when it can. */
    public ReadOnlyStringProperty whyNoNormsProperty() {
        return whyNoNorms.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
