package dev.postino.core.spam;

import dev.postino.core.spam.mime.UrlHosts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens for the message's origin hop: the bottom-most {@code Received} field, written by the
 * first server that took the message from the sender's client (RFC 5321 §4.4: each relay prepends
 * its line, so the last one is the oldest). It says how the sender connected — the client's
 * HELO name, its reverse DNS, its network, the protocol — which is evidence about the sender.
 *
 * <p>Only that one line, on purpose. The lines above it were written by relays on the way and,
 * at the top, by the receiving site itself (our own intake line on a live server; the corpus
 * owner's fetchmail and mail hosts in a collected corpus): they describe where the mail was
 * received, not who sent it, and would teach the classifier the receiving site's plumbing. The
 * bottom line is ours only when the client connected to us directly, and then it describes that
 * client just the same; it is in the message both when it is scored and when it is later learned
 * (James adds its line at intake, before scoring), so training and scoring see the same tokens.
 *
 * <p>Tokens, all prefixed {@code orig:}: {@code helo:ip}, {@code helo:bare} (no dot) or
 * {@code helo:dom:D}; {@code rdns:unknown} or {@code rdns:D}; {@code helo:rdns:same|differs};
 * {@code forged} (the relay's "may be forged" note); {@code net:A.B} or {@code net:private};
 * {@code by:D}; {@code with:P}; {@code local} (no "from" part: submitted on the host itself).
 * {@code D} is a domain's last two labels.
 */
final class OriginHopTokens {
    private static final Pattern FROM = Pattern.compile("^\\s*from\\s+(\\S+)\\s*(?:\\(([^)]*)\\))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern BY = Pattern.compile("\\bby\\s+([A-Za-z0-9.-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern WITH = Pattern.compile("\\bwith\\s+([A-Za-z][A-Za-z0-9-]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("\\[?(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\]?");
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)");

    private OriginHopTokens() {
    }

    static void tokens(List<String> received, Consumer<String> sink) {
        if (received.isEmpty()) {
            sink.accept("orig:none");
            return;
        }
        String line = unfold(received.get(received.size() - 1));
        String bySite = null;
        Matcher by = BY.matcher(line);
        if (by.find()) {
            bySite = site(by.group(1));
            sink.accept("orig:by:" + bySite);
        }
        Matcher with = WITH.matcher(line);
        if (with.find()) {
            sink.accept("orig:with:" + with.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher from = FROM.matcher(line);
        if (!from.find()) {
            sink.accept("orig:local");
            return;
        }
        String helo = from.group(1).toLowerCase(Locale.ROOT);
        String comment = from.group(2) == null ? "" : from.group(2).toLowerCase(Locale.ROOT);
        Optional<String> heloSite = Optional.empty();
        if (IPV4.matcher(helo).matches() || helo.startsWith("[")) {
            sink.accept("orig:helo:ip");
        } else if (helo.indexOf('.') < 0) {
            sink.accept("orig:helo:bare");
        } else {
            heloSite = Optional.of(site(helo));
            sink.accept("orig:helo:dom:" + heloSite.get());
        }
        if (comment.contains("may be forged")) {
            sink.accept("orig:forged");
        }
        Matcher ip = IPV4.matcher(comment.isEmpty() ? helo : comment);
        if (ip.find()) {
            sink.accept("orig:net:" + network(Integer.parseInt(ip.group(1)), Integer.parseInt(ip.group(2))));
        }
        Optional<String> rdnsSite = reverseName(comment);
        if (comment.startsWith("unknown") || comment.isEmpty() && heloSite.isEmpty()) {
            sink.accept("orig:rdns:unknown");
        } else if (rdnsSite.isPresent()) {
            sink.accept("orig:rdns:" + rdnsSite.get());
            heloSite.ifPresent(h -> sink.accept(h.equals(rdnsSite.get()) ? "orig:helo:rdns:same" : "orig:helo:rdns:differs"));
        }
    }

    /** The reverse name in "host.example.com [1.2.3.4]", if the comment starts with one. */
    private static Optional<String> reverseName(String comment) {
        Matcher host = HOST.matcher(comment);
        if (!host.lookingAt() || UrlHosts.isIpLiteral(host.group(1))) {
            return Optional.empty();
        }
        return Optional.of(site(host.group(1)));
    }

    /** RFC 1918 and loopback addresses say only "a hop inside some site"; others keep their /16. */
    private static String network(int a, int b) {
        boolean internal = a == 10 || a == 127 || a == 192 && b == 168 || a == 172 && b >= 16 && b <= 31;
        return internal ? "private" : a + "." + b;
    }

    private static String site(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return AddressSyntax.lastTwoLabels(h.endsWith(".") ? h.substring(0, h.length() - 1) : h);
    }

    private static String unfold(String value) {
        return value.replaceAll("\\s+", " ").trim();
    }
}
