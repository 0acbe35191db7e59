package dev.postino.core.route;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link MxSelection}: the mail exchangers to try, in order, or the reason there
 * are none. Exactly one of {@link #hosts()} and {@link #failure()} applies.
 */
public final class MxPlan {
    private final List<String> hosts;
    private final RouteFailure failure;

    private MxPlan(List<String> hosts, RouteFailure failure) {
        this.hosts = hosts;
        this.failure = failure;
    }

    /** Hosts to try in this order (at least one), e.g. a relay's {@code [host]} on its own. */
    public static MxPlan hosts(List<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("an MX plan without hosts is a failure; use failed()");
        }
        return new MxPlan(List.copyOf(hosts), null);
    }

    public static MxPlan failed(RouteFailure failure) {
        return new MxPlan(List.of(), Objects.requireNonNull(failure, "failure"));
    }

    public boolean isFailure() {
        return failure != null;
    }

    public List<String> hosts() {
        if (failure != null) {
            throw new IllegalStateException("MX plan failed, it has no hosts: " + failure);
        }
        return hosts;
    }

    public RouteFailure failure() {
        if (failure == null) {
            throw new IllegalStateException("MX plan has hosts, it did not fail: " + hosts);
        }
        return failure;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MxPlan)) {
            return false;
        }
        MxPlan that = (MxPlan) o;
        return hosts.equals(that.hosts) && Objects.equals(failure, that.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hosts, failure);
    }

    @Override
    public String toString() {
        return failure != null ? "failed " + failure : "hosts " + hosts;
    }
}
