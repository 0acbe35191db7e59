package dev.postino.core.route;

import java.util.Objects;

/**
 * One MX resource record (RFC 1035 §3.3.9): a preference, lower is tried first, and the host
 * name of a mail exchanger. The host is kept lower case without its trailing dot; the root
 * name {@code "."} (RFC 7505 null MX) stays {@code "."}.
 */
public final class MxRecord {
    /** The target of an RFC 7505 null MX: "this domain accepts no mail". */
    public static final String NULL_TARGET = ".";

    private final int preference;
    private final String host;

    private MxRecord(int preference, String host) {
        this.preference = preference;
        this.host = host;
    }

    public static MxRecord of(int preference, String host) {
        if (preference < 0 || preference > 65535) {
            throw new IllegalArgumentException("MX preference is a 16-bit unsigned number, got " + preference);
        }
        if (host == null) {
            throw new IllegalArgumentException("MX host must not be null");
        }
        String trimmed = host.trim();
        String name = trimmed.isEmpty() || trimmed.equals(NULL_TARGET) ? NULL_TARGET : DomainName.normalize(trimmed);
        return new MxRecord(preference, name);
    }

    public int preference() {
        return preference;
    }

    public String host() {
        return host;
    }

    /** True for the RFC 7505 null MX target {@code "."}. */
    public boolean isNullMx() {
        return host.equals(NULL_TARGET);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MxRecord)) {
            return false;
        }
        MxRecord that = (MxRecord) o;
        return preference == that.preference && host.equals(that.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(preference, host);
    }

    @Override
    public String toString() {
        return preference + " " + host;
    }
}
