package dev.postino.core.spam;

import java.util.Optional;

/** HTML with no plain-text alternative: normal for newsletters, rare for people, common in spam. */
public final class HtmlOnlyRule implements SpamRule {
    private final double points;

    public HtmlOnlyRule(double points) {
        this.points = points;
    }

    @Override
    public String name() {
        return "HTML_ONLY";
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        return input.message().isHtmlOnly()
            ? Optional.of(new Contribution(name(), points, "HTML without a plain-text part"))
            : Optional.empty();
    }
}
