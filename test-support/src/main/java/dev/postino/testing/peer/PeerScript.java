package dev.postino.testing.peer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the peer answers, phase by phase: a queue of {@link ScriptedStep}s per phase consumed in
 * order, then the default (accept everything). Thread-safe, so a test may change it while a
 * client is connected.
 *
 * <pre>{@code
 * peer.script().on(Phase.RCPT).reply("451 4.7.1 later").times(2);
 * peer.script().onRcpt("carol@b.test").reply("550 5.1.1 no such user").always();
 * peer.script().on(Phase.END_OF_DATA).disconnect().once();
 * peer.script().on(Phase.END_OF_DATA).holdUntil(release).reply("250 2.0.0 at last").always();
 * }</pre>
 */
public final class PeerScript {

    private final Object lock = new Object();
    private final Map<Phase, Deque<ScriptedStep>> byPhase = new EnumMap<>(Phase.class);
    private final Map<String, Deque<ScriptedStep>> byRecipient = new HashMap<>();

    public StepBuilder on(Phase phase) {
        return new StepBuilder(lock, step -> add(byPhase, phase, step));
    }

    /** Steps for RCPT TO of this address (case-insensitive), consulted before {@code on(Phase.RCPT)}. */
    public StepBuilder onRcpt(String address) {
        String key = normalise(address);
        return new StepBuilder(lock, step -> add(byRecipient, key, step));
    }

    /** Forgets every step, so the defaults apply again. */
    public void clear() {
        synchronized (lock) {
            byPhase.clear();
            byRecipient.clear();
        }
    }

    Optional<ScriptedStep> next(Phase phase) {
        synchronized (lock) {
            return take(byPhase.get(phase));
        }
    }

    Optional<ScriptedStep> nextForRecipient(String address) {
        synchronized (lock) {
            Optional<ScriptedStep> own = take(byRecipient.get(normalise(address)));
            return own.isPresent() ? own : take(byPhase.get(Phase.RCPT));
        }
    }

    private <K> void add(Map<K, Deque<ScriptedStep>> map, K key, ScriptedStep step) {
        synchronized (lock) {
            map.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(step);
        }
    }

    private static Optional<ScriptedStep> take(Deque<ScriptedStep> queue) {
        while (queue != null && !queue.isEmpty()) {
            ScriptedStep head = queue.peekFirst();
            if (head.consume()) {
                if (head.exhausted()) {
                    queue.pollFirst();
                }
                return Optional.of(head);
            }
            queue.pollFirst();
        }
        return Optional.empty();
    }

    static String normalise(String address) {
        String bare = address.trim();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return bare.toLowerCase(Locale.ROOT);
    }
}
