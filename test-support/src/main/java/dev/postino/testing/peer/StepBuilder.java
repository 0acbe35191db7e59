package dev.postino.testing.peer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Says what the peer does at one phase or for one recipient. The action methods register the step
 * at once (applying once); chain {@link ScriptedStep#times} or {@link ScriptedStep#always} to widen it.
 */
public final class StepBuilder {

    private final Object lock;
    private final Consumer<ScriptedStep> register;
    private Duration delay = Duration.ZERO;
    private CountDownLatch release = new CountDownLatch(0);

    StepBuilder(Object lock, Consumer<ScriptedStep> register) {
        this.lock = lock;
        this.register = register;
    }

    /** Waits this long before acting (or before closing, for {@link #disconnect}). */
    public StepBuilder delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        this.delay = delay;
        return this;
    }

    /**
     * Holds the answer until the test counts {@code release} down (or the peer stops): a remote
     * that is slow for exactly as long as the test needs, rather than for a guessed duration.
     * Applies after {@link #delay}, if both are set.
     */
    public StepBuilder holdUntil(CountDownLatch release) {
        this.release = Objects.requireNonNull(release, "release");
        return this;
    }

    /**
     * Answers with this reply, sent verbatim; a multi-line reply is separated by CRLF or LF
     * ({@code "250-first\r\n250 second"}). The continuation hyphens are not fixed up, so a script
     * can also send a malformed reply on purpose.
     */
    public ScriptedStep reply(String reply) {
        return reply(Arrays.asList(reply.split("\r?\n")));
    }

    /** Answers with these lines, sent verbatim, each ended with CRLF. */
    public ScriptedStep reply(List<String> lines) {
        checkReply(lines);
        return add(ScriptedStep.Action.REPLY, lines);
    }

    public ScriptedStep disconnect() {
        return add(ScriptedStep.Action.DISCONNECT, List.of());
    }

    public ScriptedStep hang() {
        return add(ScriptedStep.Action.HANG, List.of());
    }

    private ScriptedStep add(ScriptedStep.Action action, List<String> lines) {
        ScriptedStep step = new ScriptedStep(lock, action, lines, delay, release);
        register.accept(step);
        return step;
    }

    /** Fails at scripting time on a typo, rather than as a puzzling client error later. */
    private static void checkReply(List<String> lines) {
        if (lines.isEmpty() || lines.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a reply needs at least one non-null line: " + lines);
        }
        String last = lines.get(lines.size() - 1);
        if (SmtpWire.codeOf(List.of(last)) < 0) {
            throw new IllegalArgumentException("a reply's last line must start with a 3-digit code: '" + last + "'");
        }
    }
}
