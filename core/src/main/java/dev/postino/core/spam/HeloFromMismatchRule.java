package dev.postino.core.spam;

import java.util.Locale;
import java.util.Optional;

/**
 * The client's HELO name and the From domain name different sites. Weak on purpose: mailing
 * lists, forwarders and hosted mail all do this honestly; it only tips a close call. Silent
 * when the shell did not pass a HELO name.
 */
public final class HeloFromMismatchRule implements SpamRule {
    private final double points;

    public HeloFromMismatchRule(double points) {
        this.points = points;
    }

    @Override
    public String name() {
        return "HELO_FROM_MISMATCH";
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        Optional<String> helo = input.heloName().map(h -> h.toLowerCase(Locale.ROOT));
        Optional<String> domain = AddressSyntax.domainOf(input.message().from());
        if (helo.isEmpty() || domain.isEmpty()) {
            return Optional.empty();
        }
        String heloSite = AddressSyntax.lastTwoLabels(stripBrackets(helo.get()));
        String fromSite = AddressSyntax.lastTwoLabels(domain.get());
        if (heloSite.equals(fromSite)) {
            return Optional.empty();
        }
        return Optional.of(new Contribution(name(), points, "HELO " + helo.get() + " is not From's " + fromSite));
    }

    private static String stripBrackets(String helo) {
        return helo.startsWith("[") && helo.endsWith("]") ? helo.substring(1, helo.length() - 1) : helo;
    }
}
