package io.headlight.ui.work;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where slow work (model loading, inference) runs, kept behind this small interface so view-models can be
 * tested on one thread while the app runs the work off the FX thread.
 */
public interface Background {
    /**
     * Runs {@code work} away from the UI thread and hands its outcome back on the UI thread. Work given to a
     * lane replaces that lane's unfinished work: the replaced work's callbacks never run, so the newest input
     * wins. A replaced result that is {@link AutoCloseable} is closed rather than leaked.
     */
    <T> void replace(String lane, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code work} after everything already handed over, e.g. to close a model no queued run still needs. */
    void afterPending(Runnable work);
}
