package dev.postino.core.spam;

/** What a message was learned as. */
public enum MessageClass {
    SPAM,
    HAM
}
