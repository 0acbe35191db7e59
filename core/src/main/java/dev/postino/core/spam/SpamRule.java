package dev.postino.core.spam;

import java.util.Optional;

/**
 * One named check. It looks at the input and either stays silent or contributes its points with
 * a one-line reason. Rules are pure and thread-safe; weights are fixed when a rule is built.
 */
public interface SpamRule {
    /** The names this rule may contribute under, e.g. {@code MISSING_DATE}. */
    String name();

    Optional<Contribution> check(SpamInput input);
}
