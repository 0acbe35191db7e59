package dev.postino.core.limits;

import java.util.Optional;

/**
 * The five sending limits. Each has one name in {@code postino.properties} ({@code configName},
 * as in {@code sending.limit.messages-per-hour}) and one in webadmin JSON ({@code jsonName}).
 */
public enum LimitKind {
    MESSAGES_PER_HOUR("messages-per-hour", "messagesPerHour", Optional.of(Window.HOUR), false),
    MESSAGES_PER_DAY("messages-per-day", "messagesPerDay", Optional.of(Window.DAY), false),
    RECIPIENTS_PER_MESSAGE("recipients-per-message", "recipientsPerMessage", Optional.empty(), true),
    RECIPIENTS_PER_HOUR("recipients-per-hour", "recipientsPerHour", Optional.of(Window.HOUR), true),
    RECIPIENTS_PER_DAY("recipients-per-day", "recipientsPerDay", Optional.of(Window.DAY), true);

    private final String configName;
    private final String jsonName;
    private final Optional<Window> window;
    private final boolean countsRecipients;

    LimitKind(String configName, String jsonName, Optional<Window> window, boolean countsRecipients) {
        this.configName = configName;
        this.jsonName = jsonName;
        this.window = window;
        this.countsRecipients = countsRecipients;
    }

    public String configName() {
        return configName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The sliding window this limit counts over; empty for the per-message recipient limit. */
    public Optional<Window> window() {
        return window;
    }

    /** Whether it counts recipients (else messages). */
    public boolean countsRecipients() {
        return countsRecipients;
    }

    public static Optional<LimitKind> byJsonName(String name) {
        for (LimitKind kind : values()) {
            if (kind.jsonName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
