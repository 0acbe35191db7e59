package dev.postino.core.spam;

import dev.postino.core.spam.mime.HeaderField;
import dev.postino.core.spam.mime.MimeMessage;
import dev.postino.core.spam.mime.MimePart;
import dev.postino.core.spam.mime.UrlHosts;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a message into the distinct tokens the classifier counts.
 *
 * <ul>
 *   <li>body words (see {@link WordScanner}) and adjacent-word bigrams {@code bi:w1_w2}; for words
 *       with digits also their shape, {@code num:$9999};</li>
 *   <li>{@code url:host} for every URL host and each parent domain down to two labels, and
 *       {@code url:ip} for address literals;</li>
 *   <li>selected headers, prefixed: {@code subject:}, {@code from:dom:}, {@code from:name:},
 *       {@code from:local:} (shape of the local part), {@code ctype:}, {@code part:},
 *       {@code charset:}, {@code cte:}, {@code mailer:}; and {@code hdr:name} for each header
 *       field name present, except the fields the receiving side writes ({@code hdr:list-*} for
 *       all RFC 2369 {@code List-} fields together);</li>
 *   <li>{@code orig:} tokens for the origin hop, the bottom-most {@code Received} line
 *       ({@link OriginHopTokens});</li>
 *   <li>{@code urlp:word} for the words of URL paths and queries;</li>
 *   <li>{@code tag:name} for the telling HTML tags used (forms, scripts, frames; not layout).</li>
 * </ul>
 *
 * <p>Deliberately absent: {@code X-Spam-*} headers (forgeable, see {@link ForgedHeaders}), and
 * every field the receiving side adds — the {@code Received} lines above the origin hop,
 * {@code Delivered-To}, {@code Authentication-Results}, mailbox state such as {@code X-Keywords}:
 * they describe the receiving site's relays and mail store rather than the sender, would teach
 * the classifier our infrastructure, and some are added after scoring, so a message learned from
 * a mailbox would carry tokens the same message did not have when it was scored. Tokens never
 * contain whitespace.
 * Stateless and thread-safe.
 */
public final class SpamTokenizer {
    /** Enough for the strongest evidence of any real message; bounds hostile ones. */
    static final int MAX_TOKENS = 5000;
    /**
     * How many times a repeated body word votes at scoring. Learning counts a token once per
     * message; at scoring a pitch that says "free" five times is more than one "free", up to a
     * point (bench/spam-accuracy: 2 and 3 caught more spam than 1, 4 no more than 3).
     */
    public static final int MAX_WORD_VOTES = 3;

    /**
     * Fields the receiving side writes (trace, delivery, mailbox state, filters' verdicts):
     * they describe where and how the mail was received and stored, not who sent it.
     */
    private static final Set<String> RECEIVING_SIDE_HEADERS = Set.of(
        "received", "return-path", "delivered-to", "delivery-date", "x-original-to", "envelope-to",
        "x-envelope-from", "x-envelope-to", "x-rcpt-to", "x-keywords", "status", "x-status", "x-uid",
        "x-uidl", "lines", "content-length", "authentication-results", "received-spf",
        "x-mdaemon-deliver-to", "x-virus-scanned", "x-virus-status", "x-spam", "x-pyzor", "x-razor",
        "arc-seal", "arc-message-signature", "arc-authentication-results",
        "x-mozilla-status", "x-mozilla-status2", "x-evolution", "x-gmail-labels");

    /**
     * HTML tags worth a token. Layout tags (table, td, font, b, ...) are left out on purpose: every
     * HTML newsletter uses them together, so each counted as independent evidence and together
     * they outvoted everything else in commercial ham (bench/spam-accuracy: 92.9 % instead of
     * 91.0 % of spam caught at 5 of 2488 ham, on the classifier alone).
     */
    private static final Set<String> TELLING_TAGS = Set.of("form", "input", "select", "script", "iframe", "object",
        "embed", "base", "map", "area", "marquee", "blink", "style", "meta", "link", "span", "xml", "o:p");

    public Set<String> tokens(MimeMessage message) {
        Set<String> tokens = new LinkedHashSet<>(1024);
        headerTokens(message, tokens);
        urlTokens(message, tokens);
        for (String tag : message.htmlTags()) {
            if (TELLING_TAGS.contains(tag)) {
                add(tokens, "tag:" + tag);
            }
        }
        bodyTokens(message.text(), tokens);
        return Collections.unmodifiableSet(tokens);
    }

    /**
     * Body words the message repeats, with how many times each votes when the message is scored:
     * its number of occurrences, at most {@link #MAX_WORD_VOTES}. Words seen once are absent.
     */
    public Map<String, Integer> repeatedWords(MimeMessage message) {
        Map<String, Integer> occurrences = new HashMap<>();
        WordScanner.scan(message.text(), word -> {
            if (occurrences.size() < MAX_TOKENS || occurrences.containsKey(word)) {
                occurrences.merge(word, 1, Integer::sum);
            }
        });
        Map<String, Integer> repeated = new HashMap<>();
        occurrences.forEach((word, times) -> {
            if (times > 1) {
                repeated.put(word, Math.min(times, MAX_WORD_VOTES));
            }
        });
        return repeated;
    }

    /**
     * {@code num:$9,999} for a word holding digits: prices, phone numbers, dates and version
     * numbers are rarely the same twice, but their shapes recur. Null for words without digits.
     */
    static String numberShape(String word) {
        boolean digits = false;
        StringBuilder shape = new StringBuilder(word.length() + 4).append("num:");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isDigit(c)) {
                digits = true;
                shape.append('9');
            } else {
                shape.append(Character.isLetter(c) ? 'a' : c);
            }
        }
        return digits ? shape.toString() : null;
    }

    private static void bodyTokens(String text, Set<String> tokens) {
        String[] previous = {null};
        WordScanner.scan(text, word -> {
            if (tokens.size() >= MAX_TOKENS) {
                return;
            }
            tokens.add(word);
            String shape = numberShape(word);
            if (shape != null) {
                tokens.add(shape);
            }
            boolean plainWord = !word.startsWith("skip:") && !word.startsWith("cjk:");
            if (previous[0] != null && plainWord) {
                tokens.add("bi:" + previous[0] + "_" + word);
            }
            previous[0] = plainWord ? word : null;
        });
    }

    private static void headerTokens(MimeMessage message, Set<String> tokens) {
        WordScanner.scan(message.subject(), word -> add(tokens, "subject:" + word));
        fromTokens(message.from(), tokens);
        identityTokens(message, tokens);
        OriginHopTokens.tokens(message.headers().all("Received"), token -> add(tokens, token));
        for (HeaderField field : message.headers().fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (!RECEIVING_SIDE_HEADERS.contains(name) && !name.startsWith("x-spam") && name.length() <= 40) {
                add(tokens, "hdr:" + headerNameToken(name));
            }
        }
        message.headers().first("Content-Type")
            .ifPresent(ct -> add(tokens, "ctype:" + squash(firstWord(ct.toLowerCase(Locale.ROOT)))));
        String mailer = message.headers().first("X-Mailer")
            .orElse(message.headers().first("User-Agent").orElse(null));
        add(tokens, "mailer:" + (mailer == null ? "none" : squash(mailerFamily(mailer))));
        for (MimePart part : message.parts()) {
            add(tokens, "part:" + squash(part.mediaType()));
            part.charset().ifPresent(cs -> add(tokens, "charset:" + squash(cs.toLowerCase(Locale.ROOT))));
            part.transferEncoding().ifPresent(cte -> add(tokens, "cte:" + squash(cte)));
        }
    }

    /**
     * RFC 2369's List-Help, -Subscribe, -Unsubscribe, -Post, -Owner and -Archive are one token,
     * {@code hdr:list-*}: list software writes them as a set, so as six tokens they were six
     * votes for one fact, and outvoted the content of spam sent through a mailing list
     * (bench/README.md). List-Id (RFC 2919) names the list and stays its own token.
     */
    static String headerNameToken(String lowerCaseName) {
        return lowerCaseName.startsWith("list-") && !lowerCaseName.equals("list-id") ? "list-*" : squash(lowerCaseName);
    }

    private static void fromTokens(String from, Set<String> tokens) {
        Optional<String> domain = AddressSyntax.domainOf(from);
        add(tokens, "from:dom:" + domain.map(SpamTokenizer::squash).orElse("none"));
        AddressSyntax.address(from).ifPresent(address -> add(tokens, "from:local:" + localPartShape(address)));
        String name = AddressSyntax.displayName(from);
        if (name.isEmpty()) {
            add(tokens, "from:noname");
        } else {
            WordScanner.scan(name, word -> add(tokens, "from:name:" + word));
        }
    }

    /**
     * The shape of the From local part: spam senders' throwaway accounts end in digits
     * ("jasper5645") or are long random strings; people and lists use words.
     */
    private static String localPartShape(String address) {
        String local = address.substring(0, address.lastIndexOf('@'));
        int digits = 0;
        for (int i = 0; i < local.length(); i++) {
            if (Character.isDigit(local.charAt(i))) {
                digits++;
            }
        }
        boolean endsInDigits = !local.isEmpty() && Character.isDigit(local.charAt(local.length() - 1));
        String length = local.length() <= 8 ? "short" : local.length() <= 16 ? "medium" : "long";
        return (digits == 0 ? "words" : endsInDigits ? "digits-end" : "digits") + ":" + length;
    }

    /**
     * Who the message says it is, and whether its parts agree: a newsletter's links, Message-ID
     * and reply address sit in its own domain; a spammer's point all over. Not the Return-Path:
     * James's local delivery writes it from the envelope after the message was scored, so a
     * message learned from a mailbox would carry tokens it did not have when scored (and a
     * Return-Path present at scoring was written by the sender).
     */
    private static void identityTokens(MimeMessage message, Set<String> tokens) {
        Optional<String> fromSite = AddressSyntax.domainOf(message.from()).map(AddressSyntax::lastTwoLabels);
        Optional<String> midSite = message.headers().first("Message-ID").flatMap(SpamTokenizer::messageIdDomain)
            .map(AddressSyntax::lastTwoLabels);
        add(tokens, "mid:dom:" + midSite.map(SpamTokenizer::squash).orElse("none"));
        Optional<String> replySite = message.headers().first("Reply-To").flatMap(AddressSyntax::domainOf)
            .map(AddressSyntax::lastTwoLabels);
        replySite.ifPresent(r -> add(tokens, "replyto:dom:" + squash(r)));
        if (fromSite.isEmpty()) {
            return;
        }
        String site = fromSite.get();
        add(tokens, midSite.map(m -> m.equals(site) ? "mid:from:same" : "mid:from:differs").orElse("mid:from:none"));
        replySite.ifPresent(r -> add(tokens, r.equals(site) ? "replyto:from:same" : "replyto:from:differs"));
        int same = 0;
        int other = 0;
        for (String url : message.urls()) {
            Optional<String> host = UrlHosts.hostOf(url);
            if (host.isPresent()) {
                if (AddressSyntax.lastTwoLabels(host.get()).equals(site)) {
                    same++;
                } else {
                    other++;
                }
            }
        }
        if (same + other > 0) {
            add(tokens, same == 0 ? "url:from:none" : other == 0 ? "url:from:all" : "url:from:some");
        }
    }

    private static Optional<String> messageIdDomain(String messageId) {
        int at = messageId.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        int end = at + 1;
        while (end < messageId.length() && messageId.charAt(end) != '>' && !Character.isWhitespace(messageId.charAt(end))) {
            end++;
        }
        String domain = messageId.substring(at + 1, end).toLowerCase(Locale.ROOT);
        return domain.indexOf('.') > 0 ? Optional.of(domain) : Optional.empty();
    }

    private static void urlTokens(MimeMessage message, Set<String> tokens) {
        for (String url : message.urls()) {
            Optional<String> host = UrlHosts.hostOf(url);
            if (host.isEmpty()) {
                continue;
            }
            urlPathTokens(url, tokens);
            if (UrlHosts.isIpLiteral(host.get())) {
                add(tokens, "url:ip");
                continue;
            }
            String h = squash(host.get());
            add(tokens, "url:" + h);
            int dot = h.indexOf('.');
            while (dot >= 0 && h.indexOf('.', dot + 1) >= 0) {
                h = h.substring(dot + 1);
                add(tokens, "url:" + h);
                dot = h.indexOf('.');
            }
        }
    }

    /**
     * {@code urlp:word} for the words of a URL's path and query ("/cgi-bin/remove.cgi?id=7" →
     * {@code cgi}, {@code bin}, {@code remove}, {@code id}): spam links to remove scripts, tracking
     * ids and affiliate pages, ham to archives and documents.
     */
    private static void urlPathTokens(String url, Set<String> tokens) {
        int scheme = url.indexOf("://");
        int path = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (scheme < 0 || path < 0) {
            return;
        }
        int start = -1;
        for (int i = path + 1; i <= url.length(); i++) {
            boolean wordChar = i < url.length() && Character.isLetterOrDigit(url.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                if (i - start >= 2 && i - start <= 20) {
                    add(tokens, "urlp:" + url.substring(start, i).toLowerCase(Locale.ROOT));
                }
                start = -1;
            }
        }
    }

    /** "Microsoft Outlook Express 6.00.2600" → "microsoft_outlook_express": versions vary, vendors do not. */
    private static String mailerFamily(String mailer) {
        StringBuilder family = new StringBuilder();
        for (String word : mailer.toLowerCase(Locale.ROOT).split("[\\s/(;,]+")) {
            if (word.isEmpty() || Character.isDigit(word.charAt(0)) || family.length() > 40) {
                break;
            }
            if (family.length() > 0) {
                family.append('_');
            }
            family.append(word);
        }
        return family.length() == 0 ? "other" : family.toString();
    }

    private static String firstWord(String value) {
        int end = 0;
        while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        return value.substring(0, end);
    }

    private static String squash(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 60));
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            out.append(Character.isWhitespace(c) ? '_' : c);
        }
        return out.toString();
    }

    private static void add(Set<String> tokens, String token) {
        if (tokens.size() < MAX_TOKENS) {
            tokens.add(token);
        }
    }
}
