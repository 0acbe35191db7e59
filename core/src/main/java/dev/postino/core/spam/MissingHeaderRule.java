package dev.postino.core.spam;

import java.util.Objects;
import java.util.Optional;

/**
 * A header every honest mail client writes is absent. RFC 5322 §3.6 requires Date and From;
 * Message-ID is a SHOULD, but bulk tools are the ones that skip it.
 */
public final class MissingHeaderRule implements SpamRule {
    private final String header;
    private final String name;
    private final double points;

    public MissingHeaderRule(String header, String name, double points) {
        this.header = Objects.requireNonNull(header);
        this.name = Objects.requireNonNull(name);
        this.points = points;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        boolean missing = input.message().headers().first(header).map(String::isBlank).orElse(true);
        return missing ? Optional.of(new Contribution(name, points, "no " + header + " header")) : Optional.empty();
    }
}
