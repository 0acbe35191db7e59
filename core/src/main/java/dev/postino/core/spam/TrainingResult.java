package dev.postino.core.spam;

/** What one training run saw and learned (a message learned in two passes counts twice). */
public final class TrainingResult {
    private final int spamSeen;
    private final int hamSeen;
    private final int spamLearned;
    private final int hamLearned;

    public TrainingResult(int spamSeen, int hamSeen, int spamLearned, int hamLearned) {
        this.spamSeen = spamSeen;
        this.hamSeen = hamSeen;
        this.spamLearned = spamLearned;
        this.hamLearned = hamLearned;
    }

    public int spamSeen() {
        return spamSeen;
    }

    public int hamSeen() {
        return hamSeen;
    }

    public int spamLearned() {
        return spamLearned;
    }

    public int hamLearned() {
        return hamLearned;
    }

    @Override
    public String toString() {
        return spamLearned + " of " + spamSeen + " spam and " + hamLearned + " of " + hamSeen + " ham learned";
    }
}
