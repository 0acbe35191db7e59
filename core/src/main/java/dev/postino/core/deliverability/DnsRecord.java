package dev.postino.core.deliverability;

import java.util.Objects;

/** One record a domain should publish: owner name (absolute, with the final dot), type, value, and why. */
public final class DnsRecord {
    private final String name;
    private final String type;
    private final String value;
    private final String purpose;

    public DnsRecord(String name, String type, String value, String purpose) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.value = Objects.requireNonNull(value);
        this.purpose = Objects.requireNonNull(purpose);
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** For TXT the text itself, unquoted and unsplit; for MX {@code preference host.}. */
    public String value() {
        return value;
    }

    public String purpose() {
        return purpose;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DnsRecord)) {
            return false;
        }
        DnsRecord that = (DnsRecord) o;
        return name.equals(that.name) && type.equals(that.type) && value.equals(that.value) && purpose.equals(that.purpose);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + value;
    }
}
