package dev.postino.core.spam;

import java.util.Optional;

/**
 * The Generic Test for Unsolicited Bulk Email: a message holding this string is spam, whatever
 * else it says and even when the classifier is untrained, so that an operator can test the whole
 * path (tag, Junk, reject) with one message.
 */
public final class GtubeRule implements SpamRule {
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    /** Far above any reject threshold: nothing else in a score can outweigh it. */
    public static final double DEFAULT_POINTS = 1000.0;

    private final double points;

    public GtubeRule() {
        this(DEFAULT_POINTS);
    }

    public GtubeRule(double points) {
        this.points = points;
    }

    @Override
    public String name() {
        return "GTUBE";
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        boolean found = input.message().text().contains(GTUBE) || input.message().subject().contains(GTUBE);
        return found ? Optional.of(new Contribution(name(), points, "GTUBE test string present")) : Optional.empty();
    }
}
