package dev.postino.core.spam.mime;

import java.util.Objects;

/** One unfolded header field: its name as written and its raw (undecoded) value, trimmed. */
public final class HeaderField {
    private final String name;
    private final String value;

    public HeaderField(String name, String value) {
        this.name = Objects.requireNonNull(name);
        this.value = Objects.requireNonNull(value);
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeaderField)) {
            return false;
        }
        HeaderField that = (HeaderField) o;
        return name.equals(that.name) && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
