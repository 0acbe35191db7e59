package dev.postino.core.deliverability;

import java.util.Objects;

/** DMARC's outcome for one message: result, the policy that applied (none when there was none), and the From domain. */
public final class DmarcVerdict {
    private final AuthResult result;
    private final String policy;
    private final String fromDomain;

    public DmarcVerdict(AuthResult result, String policy, String fromDomain) {
        this.result = Objects.requireNonNull(result);
        this.policy = Objects.requireNonNull(policy);
        this.fromDomain = fromDomain == null ? "" : fromDomain;
    }

    public AuthResult result() {
        return result;
    }

    /** none, quarantine or reject: what the From domain asks receivers to do with failing mail. */
    public String policy() {
        return policy;
    }

    public String fromDomain() {
        return fromDomain;
    }
}
