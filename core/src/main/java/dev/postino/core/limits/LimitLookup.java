package dev.postino.core.limits;

/** The limits in force for a sender now (asked at every decision, so a change applies at once). */
public interface LimitLookup {
    SendingLimits limitsFor(String sender);
}
