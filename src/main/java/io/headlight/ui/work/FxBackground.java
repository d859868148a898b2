package io.headlight.ui.work;

import javafx.concurrent.Service;
import javafx.concurrent.Task;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The app's {@link Background}: one restartable {@link Service} per lane, all on a single worker thread so a
 * model is never closed under a run that still uses it. Restarting a lane's service cancels its task; the
 * native call cannot be interrupted, but its result is dropped.
 */
public final class FxBackground implements Background, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FxBackground.class.getName());

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "headlight-worker");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, LaneService> lanes = new HashMap<>();

    @Override
    public <T> void replace(String lane, Callable<T> work, Consumer<? super T> onSuccess,
                            Consumer<Throwable> onFailure) {
        LaneService service = lanes.computeIfAbsent(lane, name -> new LaneService());
        service.next = new Job<>(work, onSuccess, onFailure);
        service.restart();
    }

    @Override
    public void afterPending(Runnable work) {
        worker.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "background clean-up failed", e);
            }
        });
    }

    @Override
    public void close() {
        lanes.values().forEach(Service::cancel);
        worker.shutdown();
    }

    private record Job<T>(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
    }

    private final class LaneService extends Service<Object> {
        private Job<?> next;

        LaneService() {
            setExecutor(worker);
        }

        @Override
        protected Task<Object> createTask() {
            return new JobTask<>(next);
        }
    }

    private static final class JobTask<T> extends Task<Object> {
        private final Job<T> job;

        JobTask(Job<T> job) {
            this.job = job;
        }

        @Override
        protected Object call() throws Exception {
            T value = job.work().call();
            if (isCancelled() && value instanceof AutoCloseable stale) {
                stale.close();
            }
            return value;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected void succeeded() {
            job.onSuccess().accept((T) getValue());
        }

        @Override
        protected void failed() {
            job.onFailure().accept(getException());
        }
    }
}
