package dev.postino.core.deliverability;

import java.util.List;
import java.util.Objects;

/**
 * The DKIM outcome of one message: {@link AuthResult#NONE} without signatures, {@link AuthResult#PASS}
 * with the signing domains and selectors that verified, else {@code FAIL}, {@code TEMPERROR} or
 * {@code PERMERROR} with the verifier's reason.
 */
public final class DkimVerdict {
    private final AuthResult result;
    private final List<Signer> signers;
    private final String reason;

    private DkimVerdict(AuthResult result, List<Signer> signers, String reason) {
        this.result = result;
        this.signers = List.copyOf(signers);
        this.reason = reason;
    }

    /** A domain ({@code d=}) and selector ({@code s=}) whose signature verified. */
    public static final class Signer {
        private final String domain;
        private final String selector;

        public Signer(String domain, String selector) {
            this.domain = Objects.requireNonNull(domain).toLowerCase(java.util.Locale.ROOT);
            this.selector = Objects.requireNonNull(selector);
        }

        public String domain() {
            return domain;
        }

        public String selector() {
            return selector;
        }
    }

    public static DkimVerdict none() {
        return new DkimVerdict(AuthResult.NONE, List.of(), "");
    }

    public static DkimVerdict pass(List<Signer> signers) {
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a DKIM pass names at least one signer");
        }
        return new DkimVerdict(AuthResult.PASS, signers, "");
    }

    public static DkimVerdict failed(AuthResult result, String reason) {
        if (result == AuthResult.PASS || result == AuthResult.NONE) {
            throw new IllegalArgumentException("not a failure: " + result);
        }
        return new DkimVerdict(result, List.of(), reason == null ? "" : reason);
    }

    public AuthResult result() {
        return result;
    }

    public List<Signer> signers() {
        return signers;
    }

    public String reason() {
        return reason;
    }
}
