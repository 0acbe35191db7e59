package dev.postino.core.spam;

import dev.postino.core.spam.mime.Link;
import java.util.Optional;

/**
 * A link whose visible text is an address on one site while its target is another: the
 * phisher's "https://bank.example" pointing elsewhere. Subdomains of the same site agree.
 */
public final class LinkHostMismatchRule implements SpamRule {
    private final double points;

    public LinkHostMismatchRule(double points) {
        this.points = points;
    }

    @Override
    public String name() {
        return "LINK_HOST_MISMATCH";
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        for (Link link : input.message().links()) {
            Optional<String> shown = link.shownHost();
            Optional<String> target = link.targetHost();
            if (shown.isPresent() && target.isPresent() && !sameSite(shown.get(), target.get())) {
                return Optional.of(new Contribution(name(), points,
                    "link shows " + shown.get() + " but goes to " + target.get()));
            }
        }
        return Optional.empty();
    }

    static boolean sameSite(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a)
            || AddressSyntax.lastTwoLabels(a).equals(AddressSyntax.lastTwoLabels(b));
    }
}
