package dev.postino.core;

/**
 * A value that breaks a rule, with the name of the field it came in ({@code port},
 * {@code auth.username}, {@code submission}), so that an HTTP 400 or a start-up error can name it.
 */
public class BadField extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public BadField(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
