package dev.postino.core.route;

import java.util.regex.Pattern;

/**
 * Recognises textual IP addresses without asking the resolver ({@code InetAddress.getByName}
 * would, for anything that is not a literal). Package-private on purpose.
 */
final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile(
        "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    // RFC 4291 §2.2 text forms, checked loosely: hex groups and colons, at most one "::", and an
    // optional trailing dotted IPv4 part. Enough to tell an address from a host name.
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*(\\d+\\.\\d+\\.\\d+\\.\\d+)?");

    private IpLiteral() {
    }

    static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches();
    }

    static boolean isIpv6(String text) {
        if (!IPV6.matcher(text).matches() || text.indexOf("::") != text.lastIndexOf("::")) {
            return false;
        }
        int lastColon = text.lastIndexOf(':');
        String tail = text.substring(lastColon + 1);
        return !tail.contains(".") || isIpv4(tail);
    }

    static boolean isIp(String text) {
        return isIpv4(text) || isIpv6(text);
    }
}
