package dev.postino.core.route;

import java.util.Objects;

/** One place to connect to: the mail exchanger's name (for TLS and the log) and one of its addresses. */
public final class DeliveryTarget {
    private final String host;
    private final String ip;

    private DeliveryTarget(String host, String ip) {
        this.host = host;
        this.ip = ip;
    }

    public static DeliveryTarget of(String host, String ip) {
        if (ip == null || !IpLiteral.isIp(ip)) {
            throw new IllegalArgumentException("not an IP address: '" + ip + "'");
        }
        return new DeliveryTarget(DomainName.normalize(host), ip);
    }

    public String host() {
        return host;
    }

    public String ip() {
        return ip;
    }

    public boolean isIpv6() {
        return ip.indexOf(':') >= 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeliveryTarget)) {
            return false;
        }
        DeliveryTarget that = (DeliveryTarget) o;
        return host.equals(that.host) && ip.equals(that.ip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, ip);
    }

    /** Postfix's log form: {@code mx1.b.test[192.0.2.1]}. */
    @Override
    public String toString() {
        return host + "[" + ip + "]";
    }
}
