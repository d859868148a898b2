package io.headlight.ui;

import io.headlight.model.AttentionModel;
import io.headlight.model.HeadlightException;
import io.headlight.model.ModelSource;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The window's first model, opened from the moment the app starts: while the JVM loads the toolkit and builds the
 * window on one core, the model is read, edited and its session started on the other, so the first result waits
 * for whichever of the two is slower instead of for both one after the other. The window's first load takes the
 * open under way rather than starting another.
 */
final class ModelHeadStart {
    private final String idOrPath;
    private final CompletableFuture<AttentionModel> opening = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    private ModelHeadStart(String idOrPath) {
        this.idOrPath = idOrPath;
    }

    /** Starts opening {@code idOrPath} (a bundled id, folder or .onnx file) on a thread of its own. */
    static ModelHeadStart begin(String idOrPath) {
        ModelHeadStart start = new ModelHeadStart(idOrPath);
        Thread thread = new Thread(() -> {
            try {
                start.opening.complete(AttentionModel.open(ModelSource.resolve(idOrPath)));
            } catch (HeadlightException | RuntimeException | Error e) {
                start.opening.completeExceptionally(e);
            }
        }, "headlight-head-start");
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    /** The open under way, finished or not. */
    CompletableFuture<AttentionModel> opening() {
        return opening;
    }

    /**
     * The open under way, as work for the background worker (it waits there, off the FX thread), when it is of
     * {@code wanted}; else null, and the model it opened is closed once it is open. Only the first call gets it.
     */
    Callable<AttentionModel> take(String wanted) {
        if (taken.getAndSet(true)) {
            return null;
        }
        if (!idOrPath.equals(wanted)) {
            opening.thenAccept(AttentionModel::close);
            return null;
        }
        return () -> {
            try {
                return opening.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            } catch (InterruptedException e) {
                // A newer load replaced this one: nobody will take the model, so it closes once open.
                opening.thenAccept(AttentionModel::close);
                throw e;
            }
        };
    }
}
