package io.headlight.model;

/**
 * The one checked exception for "this model or this text cannot be explained".
 *
 * <p>Its message is a single line a user can act on (what is wrong and what to do); the cause keeps the
 * library's own exception for the log or {@code --debug}, never for the user.
 */
public class HeadlightException extends Exception {
    private static final long serialVersionUID = 1L;

    public HeadlightException(String message) {
        super(message);
    }

    public HeadlightException(String message, Throwable cause) {
        super(message, cause);
    }
}
