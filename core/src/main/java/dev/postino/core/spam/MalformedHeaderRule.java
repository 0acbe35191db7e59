package dev.postino.core.spam;

import dev.postino.core.spam.mime.MailDates;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A header is present but not in its RFC 5322 form. Absence is {@link MissingHeaderRule}'s job. */
public final class MalformedHeaderRule implements SpamRule {
    // RFC 5322 §3.6.4: msg-id = "<" id-left "@" id-right ">"; we allow surrounding comments/space.
    private static final Pattern MESSAGE_ID = Pattern.compile("\\s*<[^<>@\\s]+@[^<>@\\s]+>.*");

    private final String header;
    private final String name;
    private final double points;
    private final Predicate<String> wellFormed;

    private MalformedHeaderRule(String header, String name, double points, Predicate<String> wellFormed) {
        this.header = header;
        this.name = name;
        this.points = points;
        this.wellFormed = Objects.requireNonNull(wellFormed);
    }

    /** Date that {@link MailDates} cannot read (RFC 5322 §3.3, obsolete forms allowed). */
    public static MalformedHeaderRule date(double points) {
        return new MalformedHeaderRule("Date", "INVALID_DATE", points, v -> MailDates.parse(v).isPresent());
    }

    /**
     * A Date {@link MailDates} reads but that names no zone ({@code Mon, 2 Sep 2002 10:00:00}):
     * RFC 5322 §3.3 requires one and every mail program writes it; bulk senders' hand-made headers
     * leave it out. A date that cannot be read at all is {@link #date}'s, not this rule's.
     */
    public static MalformedHeaderRule dateWithoutZone(double points) {
        return new MalformedHeaderRule("Date", "DATE_MISSING_ZONE", points,
            v -> MailDates.parse(v).isEmpty() || MailDates.hasZone(v));
    }

    public static MalformedHeaderRule messageId(double points) {
        return new MalformedHeaderRule("Message-ID", "INVALID_MESSAGE_ID", points, v -> MESSAGE_ID.matcher(v).matches());
    }

    /** From without an address whose domain has a dot. */
    public static MalformedHeaderRule from(double points) {
        return new MalformedHeaderRule("From", "INVALID_FROM", points, v -> AddressSyntax.domainOf(v).isPresent());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        Optional<String> value = input.message().headers().first(header).filter(v -> !v.isBlank());
        if (value.isEmpty() || wellFormed.test(value.get())) {
            return Optional.empty();
        }
        return Optional.of(new Contribution(name, points, header + " header is malformed"));
    }
}
