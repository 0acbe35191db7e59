package dev.postino.core.spam.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A header section in order of appearance; names compare case-insensitively (RFC 5322 §1.2.2). */
public final class Headers {
    private static final Headers EMPTY = new Headers(List.of());

    private final List<HeaderField> fields;

    public Headers(List<HeaderField> fields) {
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }

    public static Headers empty() {
        return EMPTY;
    }

    public List<HeaderField> fields() {
        return fields;
    }

    /** The first field with this name: RFC 5322 §3.6 allows most fields at most once. */
    public Optional<String> first(String name) {
        for (HeaderField field : fields) {
            if (field.hasName(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (HeaderField field : fields) {
            if (field.hasName(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    public int count(String name) {
        int n = 0;
        for (HeaderField field : fields) {
            if (field.hasName(name)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
