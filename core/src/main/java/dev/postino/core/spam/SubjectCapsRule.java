package dev.postino.core.spam;

import java.util.Optional;

/** A subject shouted in capitals: at least {@code minLetters} letters, {@code ratio} or more upper-case. */
public final class SubjectCapsRule implements SpamRule {
    private final double points;
    private final int minLetters;
    private final double ratio;

    public SubjectCapsRule(double points, int minLetters, double ratio) {
        if (minLetters < 1 || ratio <= 0.0 || ratio > 1.0) {
            throw new IllegalArgumentException("SUBJECT_CAPS needs minLetters >= 1 and 0 < ratio <= 1");
        }
        this.points = points;
        this.minLetters = minLetters;
        this.ratio = ratio;
    }

    @Override
    public String name() {
        return "SUBJECT_CAPS";
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        String subject = input.message().subject();
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        if (letters < minLetters || upper < ratio * letters) {
            return Optional.empty();
        }
        return Optional.of(new Contribution(name(), points, upper + " of " + letters + " subject letters are capitals"));
    }
}
