package dev.postino.core.spam;

import java.util.Locale;
import java.util.Objects;

/** One token the classifier used and its spam probability, for explaining a verdict. */
public final class TokenEvidence {
    private final String token;
    private final double probability;

    public TokenEvidence(String token, double probability) {
        this.token = Objects.requireNonNull(token);
        this.probability = probability;
    }

    public String token() {
        return token;
    }

    public double probability() {
        return probability;
    }

    @Override
    public String toString() {
        return token + "=" + String.format(Locale.ROOT, "%.3f", probability);
    }
}
