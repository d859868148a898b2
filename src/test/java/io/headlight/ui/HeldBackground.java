package io.headlight.ui;

import io.headlight.ui.work.Background;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A same-thread {@link Background} that holds work until the test releases it, in any order, and never
 * cancels: it lets a test deliver results late, as a busy worker would.
 */
final class HeldBackground implements Background {
    private final List<Runnable> held = new ArrayList<>();

    @Override
    public <T> void replace(String lane, Callable<T> work, Consumer<? super T> onSuccess,
                            Consumer<Throwable> onFailure) {
        held.add(() -> {
            T value;
            try {
                value = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(value);
        });
    }

    @Override
    public void afterPending(Runnable work) {
        held.add(work);
    }

    int pending() {
        return held.size();
    }

    /** Runs the {@code index}-th held job (0 = oldest still held) on this thread. */
    void release(int index) {
        held.remove(index).run();
    }

    void releaseAll() {
        while (!held.isEmpty()) {
            release(0);
        }
    }
}
