package dev.postino.core.spam;

/** How many learned spam and ham messages held a token (each message counts a token once). */
public final class TokenCounts {
    public static final TokenCounts ZERO = new TokenCounts(0, 0);

    private final long spam;
    private final long ham;

    private TokenCounts(long spam, long ham) {
        this.spam = spam;
        this.ham = ham;
    }

    public static TokenCounts of(long spam, long ham) {
        if (spam < 0 || ham < 0) {
            throw new IllegalArgumentException("token counts cannot be negative, got spam=" + spam + " ham=" + ham);
        }
        return spam == 0 && ham == 0 ? ZERO : new TokenCounts(spam, ham);
    }

    public long spam() {
        return spam;
    }

    public long ham() {
        return ham;
    }

    public long of(MessageClass kind) {
        return kind == MessageClass.SPAM ? spam : ham;
    }

    public boolean isZero() {
        return spam == 0 && ham == 0;
    }

    /** These counts after one message of {@code kind} was learned ({@code +1}) or unlearned ({@code -1}); never below zero. */
    public TokenCounts plus(MessageClass kind, long delta) {
        return kind == MessageClass.SPAM
            ? of(Math.max(0, spam + delta), ham)
            : of(spam, Math.max(0, ham + delta));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TokenCounts)) {
            return false;
        }
        TokenCounts that = (TokenCounts) o;
        return spam == that.spam && ham == that.ham;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spam) * 31 + Long.hashCode(ham);
    }

    @Override
    public String toString() {
        return "spam=" + spam + " ham=" + ham;
    }
}
