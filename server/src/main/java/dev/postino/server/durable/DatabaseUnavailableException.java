package dev.postino.server.durable;

/** The durable server's database cannot be opened or used; the message names its URL. */
public final class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
