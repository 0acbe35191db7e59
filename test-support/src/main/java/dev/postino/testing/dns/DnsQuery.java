package dev.postino.testing.dns;

import java.util.Locale;
import java.util.Objects;

/**
 * One question a {@link DnsZone} was asked, for assertions such as
 * {@code assertThat(zone.queries()).contains(new DnsQuery("b.test", "MX"))}.
 *
 * @param name the name asked, lower case, without the trailing dot
 * @param type the record type's mnemonic, upper case ({@code "MX"}, {@code "AAAA"})
 */
public record DnsQuery(String name, String type) {

    public DnsQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        // Normalised here so that a test may write the name and type as it likes.
        name = name.toLowerCase(Locale.ROOT);
        if (name.length() > 1 && name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        type = type.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name + "/" + type;
    }
}
