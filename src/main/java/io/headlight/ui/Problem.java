package io.headlight.ui;

import io.headlight.model.HeadlightException;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Something the user must be told: a one-line message, never a stack trace. Each report is a new value (its
 * sequence number differs) so the same failure twice is shown twice.
 */
public record Problem(String title, String message, long sequence) {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Logger LOG = Logger.getLogger(Problem.class.getName());

    /** A user-facing message for {@code failure}; anything but a {@link HeadlightException} is logged in full. */
    public static Problem of(String title, Throwable failure) {
        String message;
        if (failure instanceof HeadlightException) {
            message = failure.getMessage();
        } else {
            LOG.log(Level.WARNING, title, failure);
            message = "Unexpected " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + " (details in the log)";
        }
        return new Problem(title, firstLine(message), SEQUENCE.incrementAndGet());
    }

    public static Problem of(String title, String message) {
        return new Problem(title, firstLine(message), SEQUENCE.incrementAndGet());
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "Something went wrong.";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text.strip() : text.substring(0, newline).strip();
    }
}
