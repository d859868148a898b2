package io.headlight.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.nio.file.Files;
import java.nio.file.Path;

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
    /** With this system property ONNX Runtime loads its libraries from a folder instead of unpacking its own. */
    private static final String NATIVE_PATH = "onnxruntime.native.path";
    /**
     * ONNX Runtime's own log lines (ANSI-coloured, several per problem) never reach the user's terminal or
     * dialog: every failure also comes back as an exception, which Headlight turns into one line of its own.
     */
    private static final OrtLoggingLevel QUIET = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
    /** Stack for the thread that starts ONNX Runtime; see {@link #onLargeStack}. */
    private static final long STARTER_STACK = 64L << 20;
    private static OrtEnvironment environment;
    private static boolean sharedThreads;

    private OrtRuntime() {
    }

    /** The process-wide environment, created with a shared thread pool on first use. */
    public static synchronized OrtEnvironment environment() {
        if (environment == null) {
            useLibrariesBesideCode();
            onLargeStack(OrtRuntime::create);
        }
        return environment;
    }

    private static void create() {
        try (OrtEnvironment.ThreadingOptions threads = new OrtEnvironment.ThreadingOptions()) {
            environment = OrtEnvironment.getEnvironment(QUIET, NAME, threads);
            sharedThreads = true;
        } catch (IllegalStateException alreadyCreated) {
            environment = OrtEnvironment.getEnvironment();
            sharedThreads = false;
        }
    }

    /**
     * Starting ONNX Runtime (loading its library, creating the environment) takes stack in proportion to the
     * process's command line: on a Java thread's default 1 MB it overflows once the command line passes about
     * 3,500 characters, as {@code export --text} with a paragraph or a long class path makes it, and the
     * process dies of SIGSEGV without a word. On a thread of its own with room to spare it starts at any length.
     */
    private static void onLargeStack(Runnable start) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread starter = new Thread(null, () -> {
            try {
                start.run();
            } catch (RuntimeException | LinkageError e) {
                failure[0] = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
            }
        }, "headlight-ort-start", STARTER_STACK);
        starter.start();
        boolean interrupted = false;
        while (true) {
            try {
                starter.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Unpacking, ONNX Runtime copies its libraries into a new folder under /tmp at every start, cannot load them
     * where /tmp is mounted noexec, and leaves the folder behind. The build puts them in {@code native/} beside
     * the jar (and the installer beside the installed jar); where they are, ORT loads them from there.
     */
    private static void useLibrariesBesideCode() {
        if (System.getProperty(NATIVE_PATH) != null) {
            return;
        }
        Path natives = CodeLocation.folder().resolve("native");
        if (Files.isRegularFile(natives.resolve(System.mapLibraryName("onnxruntime")))
                && Files.isRegularFile(natives.resolve(System.mapLibraryName("onnxruntime4j_jni")))) {
            System.setProperty(NATIVE_PATH, natives.toString());
        }
    }

    /** Options for a new session: the shared pool where there is one, ORT's defaults otherwise. */
    public static SessionOptions sessionOptions() throws OrtException {
        environment();
        SessionOptions options = new SessionOptions();
        try {
            if (sharedThreads()) {
                options.disablePerSessionThreads();
            }
            options.setSessionLogLevel(QUIET);
            return options;
        } catch (OrtException e) {
            options.close();
            throw e;
        }
    }

    /** The version of the ONNX Runtime library in use. */
    public static String version() {
        return environment().getVersion();
    }

    /** Whether sessions share the environment's thread pool (false when another library made the environment). */
    public static synchronized boolean sharedThreads() {
        return sharedThreads;
    }
}
