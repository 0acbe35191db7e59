package dev.postino.core.route;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link AddressSelection}: the addresses to connect to, in order, or the reason
 * there are none. Exactly one of {@link #targets()} and {@link #failure()} applies.
 */
public final class TargetPlan {
    private final List<DeliveryTarget> targets;
    private final RouteFailure failure;

    private TargetPlan(List<DeliveryTarget> targets, RouteFailure failure) {
        this.targets = targets;
        this.failure = failure;
    }

    public static TargetPlan targets(List<DeliveryTarget> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a target plan without targets is a failure; use failed()");
        }
        return new TargetPlan(List.copyOf(targets), null);
    }

    public static TargetPlan failed(RouteFailure failure) {
        return new TargetPlan(List.of(), Objects.requireNonNull(failure, "failure"));
    }

    public boolean isFailure() {
        return failure != null;
    }

    public List<DeliveryTarget> targets() {
        if (failure != null) {
            throw new IllegalStateException("target plan failed, it has no targets: " + failure);
        }
        return targets;
    }

    public RouteFailure failure() {
        if (failure == null) {
            throw new IllegalStateException("target plan has targets, it did not fail: " + targets);
        }
        return failure;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TargetPlan)) {
            return false;
        }
        TargetPlan that = (TargetPlan) o;
        return targets.equals(that.targets) && Objects.equals(failure, that.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(targets, failure);
    }

    @Override
    public String toString() {
        return failure != null ? "failed " + failure : "targets " + targets;
    }
}
