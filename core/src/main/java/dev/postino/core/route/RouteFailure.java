package dev.postino.core.route;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.Objects;

/**
 * Why mail cannot be routed right now or ever: an RFC 3463 status for the DSN's {@code Status:}
 * field and a short human text. A 4.x.x status means "keep the mail and retry"; 5.x.x means
 * "bounce it". An expected failure is a value, never an exception.
 */
public final class RouteFailure {
    private final EnhancedStatus status;
    private final String text;

    private RouteFailure(EnhancedStatus status, String text) {
        this.status = status;
        this.text = text;
    }

    public static RouteFailure of(EnhancedStatus status, String text) {
        if (status.isSuccess()) {
            throw new IllegalArgumentException("a failure needs a 4.x.x or 5.x.x status, got " + status);
        }
        return new RouteFailure(status, Objects.requireNonNull(text, "text"));
    }

    public EnhancedStatus status() {
        return status;
    }

    public String text() {
        return text;
    }

    public boolean isPermanent() {
        return status.isPermanent();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RouteFailure)) {
            return false;
        }
        RouteFailure that = (RouteFailure) o;
        return status.equals(that.status) && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, text);
    }

    @Override
    public String toString() {
        return status + " " + text;
    }
}
