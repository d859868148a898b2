package io.headlight.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * The one ONNX Runtime environment of the process, with one thread pool that every session shares.
 *
 * <p>By default each session starts its own pool whose threads spin for a while after every run. Two
 * sessions in one process (two models open, or the bench's plain session beside Headlight's) then steal each
 * other's cores: on a two-core machine a run right after the other session's took 25% longer. With one pool
 * the same threads serve whichever session runs. They still spin between operators, which keeps short inputs
 * fast (T = 16: 6 ms against 8 to 10 ms with spinning off).
 *
 * <p>If something else in the process created the environment first, its pool settings cannot be changed, and
 * sessions fall back to per-session pools.
 */
public final class OrtRuntime {
    private static final String NAME = "headlight";
    private static OrtEnvironment environment;
    private static boolean sharedThreads;

    private OrtRuntime() {
    }

    /** The process-wide environment, created with a shared thread pool on first use. */
    public static synchronized OrtEnvironment environment() {
        if (environment == null) {
            try (OrtEnvironment.ThreadingOptions threads = new OrtEnvironment.ThreadingOptions()) {
                environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, NAME, threads);
                sharedThreads = true;
            } catch (IllegalStateException alreadyCreated) {
                environment = OrtEnvironment.getEnvironment();
                sharedThreads = false;
            }
        }
        return environment;
    }

    /** Options for a new session: the shared pool where there is one, ORT's defaults otherwise. */
    public static SessionOptions sessionOptions() throws OrtException {
        environment();
        SessionOptions options = new SessionOptions();
        try {
            if (sharedThreads()) {
                options.disablePerSessionThreads();
            }
            return options;
        } catch (OrtException e) {
            options.close();
            throw e;
        }
    }

    /** Whether sessions share the environment's thread pool (false when another library made the environment). */
    public static synchronized boolean sharedThreads() {
        return sharedThreads;
    }
}
