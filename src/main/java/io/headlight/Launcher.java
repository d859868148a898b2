package io.headlight;

import io.headlight.cli.Main;
import io.headlight.ui.HeadlightApp;

/**
 * Entry point of the jar. It must not extend {@code Application}: a plain {@code java -jar} on the classpath
 * refuses to start a JavaFX application class as main.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // DJL logs through SLF4J and ships no binding; without this every command starts with three warnings.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        if (args.length == 0) {
            HeadlightApp.main(args);
        } else {
            System.exit(Main.run(args));
        }
    }
}
