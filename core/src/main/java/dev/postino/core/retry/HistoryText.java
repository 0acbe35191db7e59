package dev.postino.core.retry;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text form of a {@link DeliveryHistory}: one line of printable US-ASCII, so it survives any
 * attribute store, queue or log. Version 1 is a header segment and one segment per recipient,
 * separated by {@code ;}; each segment is {@code key=value} fields separated by one space:
 *
 * <pre>
 * v1 arrival=2024-03-01T10:00:00Z attempts=2 warned=0 next=2024-03-01T10:10:00Z
 *   ;rcpt=bob@b.test state=PENDING kind=TEMPORARY status=4.2.2 at=2024-03-01T10:05:00Z
 *    rcode=452 rstatus=4.2.2 rtext=mailbox%20full mta=mx.b.test
 *   ;end
 * </pre>
 * (shown wrapped; the real value is one line). The final {@code ;end} makes a value cut short
 * anywhere unreadable instead of silently shorter. Instants are ISO-8601 UTC. Values are
 * percent-encoded: every character outside {@code !..~}, and {@code % ; =}, becomes its UTF-8
 * bytes as {@code %XX}. Optional fields ({@code next}, the {@code kind/status/at} group of the last
 * result, the {@code rcode/rstatus/rtext} reply group, {@code mta}) are left out when absent.
 *
 * <p>Version 2 adds one optional recipient field, {@code detail} (our words when there was no
 * reply, {@link AttemptResult#detail()}). A history with no detail is still written as {@code v1},
 * so nodes that know only v1 keep reading what they can.
 *
 * <p>Parsing is strict: an unknown version or field, a field twice, a missing field, a bad value
 * or an inconsistent history is an {@link IllegalArgumentException} that says what was wrong.
 * A new field means a new version; {@code v1} values stay readable.
 */
final class HistoryText {
    private static final String VERSION = "v1";
    private static final String VERSION_WITH_DETAIL = "v2";
    private static final String END = "end";
    private static final Set<String> HEADER_KEYS = Set.of("arrival", "attempts", "warned", "next");
    private static final Set<String> RECIPIENT_KEYS =
        Set.of("rcpt", "state", "kind", "status", "at", "rcode", "rstatus", "rtext", "mta");
    private static final Set<String> RECIPIENT_KEYS_V2 =
        Set.of("rcpt", "state", "kind", "status", "at", "rcode", "rstatus", "rtext", "mta", "detail");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");
    private static final Pattern REPLY_CODE = Pattern.compile("\\d{3}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HistoryText() {
    }

    static String format(DeliveryHistory h) {
        boolean anyDetail = h.recipients().stream().anyMatch(r -> r.last().flatMap(AttemptResult::detail).isPresent());
        StringBuilder s = new StringBuilder(anyDetail ? VERSION_WITH_DETAIL : VERSION);
        field(s, "arrival", h.arrival().toString());
        field(s, "attempts", Integer.toString(h.attempts()));
        field(s, "warned", h.warningSent() ? "1" : "0");
        h.nextAttempt().ifPresent(next -> field(s, "next", next.toString()));
        for (RecipientRecord r : h.recipients()) {
            s.append(";rcpt=").append(encode(r.recipient()));
            field(s, "state", r.state().name());
            if (r.last().isPresent()) {
                AttemptResult last = r.last().get();
                field(s, "kind", last.kind().name());
                field(s, "status", last.status().toString());
                field(s, "at", last.at().toString());
                last.reply().ifPresent(reply -> {
                    field(s, "rcode", Integer.toString(reply.code()));
                    reply.enhancedStatus().ifPresent(st -> field(s, "rstatus", st.toString()));
                    field(s, "rtext", reply.text());
                });
                last.remoteMta().ifPresent(mta -> field(s, "mta", mta));
                last.detail().ifPresent(detail -> field(s, "detail", detail));
            }
        }
        return s.append(';').append(END).toString();
    }

    private static void field(StringBuilder s, String key, String value) {
        s.append(' ').append(key).append('=').append(encode(value));
    }

    static DeliveryHistory parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("corrupt delivery history: the value is empty");
        }
        try {
            return parseChecked(text);
        } catch (IllegalArgumentException | DateTimeException e) {
            String shown = text.length() > 120 ? text.substring(0, 120) + "…" : text;
            throw new IllegalArgumentException("corrupt delivery history (" + e.getMessage() + "): '" + shown + "'", e);
        }
    }

    private static DeliveryHistory parseChecked(String text) {
        String[] segments = text.split(";", -1);
        String header = segments[0];
        String version = header.split(" ", 2)[0];
        if (!version.equals(VERSION) && !version.equals(VERSION_WITH_DETAIL)) {
            throw new IllegalArgumentException("unsupported version '" + version + "', expected " + VERSION
                + " or " + VERSION_WITH_DETAIL);
        }
        Set<String> recipientKeys = version.equals(VERSION) ? RECIPIENT_KEYS : RECIPIENT_KEYS_V2;
        if (segments.length < 2 || !segments[segments.length - 1].equals(END)) {
            throw new IllegalArgumentException("truncated: the value does not end with ';" + END + "'");
        }
        Map<String, String> h = fields(header.substring(version.length()), HEADER_KEYS);
        Instant arrival = Instant.parse(required(h, "arrival"));
        int attempts = count(required(h, "attempts"));
        String warned = required(h, "warned");
        if (!warned.equals("0") && !warned.equals("1")) {
            throw new IllegalArgumentException("warned must be 0 or 1, got '" + warned + "'");
        }
        Optional<Instant> next = Optional.ofNullable(h.get("next")).map(Instant::parse);
        List<RecipientRecord> recipients = new ArrayList<>();
        for (int i = 1; i < segments.length - 1; i++) {
            recipients.add(recipient(fields(" " + segments[i], recipientKeys)));
        }
        return DeliveryHistory.of(arrival, attempts, recipients, warned.equals("1"), next);
    }

    private static RecipientRecord recipient(Map<String, String> f) {
        String rcpt = required(f, "rcpt");
        RecipientRecord.State state = enumValue(RecipientRecord.State.class, "state", required(f, "state"));
        Optional<AttemptResult> last = Optional.empty();
        if (f.containsKey("kind") || f.containsKey("status") || f.containsKey("at")) {
            AttemptResult.Kind kind = enumValue(AttemptResult.Kind.class, "kind", required(f, "kind"));
            EnhancedStatus status = EnhancedStatus.parse(required(f, "status"));
            Instant at = Instant.parse(required(f, "at"));
            AttemptResult result = AttemptResult.of(rcpt, kind, status, reply(f), Optional.ofNullable(f.get("mta")), at);
            last = Optional.of(f.containsKey("detail") ? result.withDetail(f.get("detail")) : result);
        } else if (f.containsKey("rcode") || f.containsKey("rstatus") || f.containsKey("rtext") || f.containsKey("mta")
            || f.containsKey("detail")) {
            throw new IllegalArgumentException("reply or mta without a last result for " + rcpt);
        }
        return RecipientRecord.of(rcpt, state, last);
    }

    private static Optional<SmtpReply> reply(Map<String, String> f) {
        if (!f.containsKey("rcode") && !f.containsKey("rstatus") && !f.containsKey("rtext")) {
            return Optional.empty();
        }
        String code = required(f, "rcode");
        if (!REPLY_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("rcode must be three digits, got '" + code + "'");
        }
        String replyText = required(f, "rtext");
        return Optional.of(f.containsKey("rstatus")
            ? SmtpReply.of(Integer.parseInt(code), EnhancedStatus.parse(f.get("rstatus")), replyText)
            : SmtpReply.of(Integer.parseInt(code), replyText));
    }

    /** {@code " k=v k=v"} (each field preceded by exactly one space) into a map, decoded. */
    private static Map<String, String> fields(String segment, Set<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        if (segment.isEmpty()) {
            return out;
        }
        if (segment.charAt(0) != ' ') {
            throw new IllegalArgumentException("expected a space before '" + segment + "'");
        }
        for (String token : segment.substring(1).split(" ", -1)) {
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            if (eq < 0 || !allowed.contains(key)) {
                throw new IllegalArgumentException("unknown field '" + token + "'");
            }
            if (out.put(key, decode(token.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("field '" + key + "' appears twice");
            }
        }
        return out;
    }

    private static String required(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + key + "'");
        }
        return v;
    }

    private static int count(String text) {
        if (!COUNT.matcher(text).matches()) {
            throw new IllegalArgumentException("attempts must be a whole number, got '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + " '" + text + "' is not one of " + List.of(type.getEnumConstants()));
    }

    static String encode(String value) {
        StringBuilder s = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && c < 0x7f && c != '%' && c != ';' && c != '=') {
                s.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
            for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                s.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            i = end - 1;
        }
        return s.toString();
    }

    static String decode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int hi = i + 2 < value.length() ? hex(value.charAt(i + 1)) : -1;
                int lo = hi < 0 ? -1 : hex(value.charAt(i + 2));
                if (lo < 0) {
                    throw new IllegalArgumentException("bad percent escape in '" + value + "'");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > ' ' && c < 0x7f && c != '=') {
                bytes.write(c);
            } else {
                throw new IllegalArgumentException("unescaped character U+" + String.format("%04X", (int) c)
                    + " in '" + value + "'");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent escapes are not UTF-8 in '" + value + "'", e);
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
