package dev.postino.core.spam;

import java.util.Locale;
import java.util.Objects;

/** One test's part of a spam score: its name (as in {@code tests=}), points and a one-line reason. */
public final class Contribution {
    private final String name;
    private final double points;
    private final String reason;

    public Contribution(String name, double points, String reason) {
        this.name = Objects.requireNonNull(name);
        this.points = points;
        this.reason = Objects.requireNonNull(reason);
        if (name.isEmpty() || !name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            throw new IllegalArgumentException("test names are upper-case A-Z, 0-9 and '_', got '" + name + "'");
        }
        if (Double.isNaN(points) || Double.isInfinite(points)) {
            throw new IllegalArgumentException("points must be finite for " + name);
        }
    }

    public String name() {
        return name;
    }

    public double points() {
        return points;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Contribution)) {
            return false;
        }
        Contribution that = (Contribution) o;
        return name.equals(that.name) && Double.compare(points, that.points) == 0 && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, points, reason);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %+.1f %s", name, points, reason);
    }
}
