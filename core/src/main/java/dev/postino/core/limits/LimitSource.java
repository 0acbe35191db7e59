package dev.postino.core.limits;

/** Where an effective limit came from, most specific first (see {@link LimitResolver}). */
public enum LimitSource {
    /** Set for this user through webadmin. */
    USER_OVERRIDE("user-override"),
    /** {@code sending.limit.KIND.user.USER} in postino.properties. */
    USER_CONFIG("user-config"),
    /** Set for the user's domain through webadmin. */
    DOMAIN_OVERRIDE("domain-override"),
    /** {@code sending.limit.KIND.domain.DOMAIN} in postino.properties. */
    DOMAIN_CONFIG("domain-config"),
    /** {@code sending.limit.KIND} in postino.properties. */
    DEFAULT_CONFIG("default-config"),
    /** Postino's built-in default ({@link SendingLimits#BUILT_IN}). */
    BUILT_IN("built-in");

    private final String label;

    LimitSource(String label) {
        this.label = label;
    }

    /** The name used in logs and webadmin JSON. */
    public String label() {
        return label;
    }
}
