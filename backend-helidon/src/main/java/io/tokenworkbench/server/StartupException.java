package io.tokenworkbench.server;

/**
 * The backend cannot start for a reason the person starting it can fix: the message is one line saying what is wrong
 * and what to do, printed without a stack trace.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupException(String message) {
        super(message);
    }
}
