package io.headlight;

import io.headlight.cli.Main;
import io.headlight.ui.HeadlightApp;
import io.headlight.ui.LaunchRequest;

import java.util.List;

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
        if (Main.isCommand(args)) {
            System.exit(Main.run(args));
        }
        try {
            LaunchRequest.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            // Checked before the toolkit starts, so a typo costs no window and reads like the commands' errors.
            System.err.println("headlight: " + e.getMessage() + " (run 'headlight --help' for usage)");
            System.exit(2);
        }
        HeadlightApp.main(args);
    }
}
