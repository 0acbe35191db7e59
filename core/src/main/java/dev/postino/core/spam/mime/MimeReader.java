package dev.postino.core.spam.mime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a raw RFC 5322 message into a {@link MimeMessage}: multipart bodies recursively (RFC 2046
 * §5.1), transfer encodings, charsets, encoded words in Subject and From, HTML to text.
 *
 * <p>Bounded so hostile input costs little: only the first {@code maxBytes} of the message are
 * examined, decoded text stops at {@code maxTextChars}, nesting stops at depth 8 and after 100
 * parts. Never throws on malformed input: what could be read is returned, marked truncated.
 * Thread-safe and stateless.
 */
public final class MimeReader {
    /** Raw bytes examined by default; a shell may read no more than this from the message. */
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;
    /** Decoded text kept by default: enough for any real letter, little for a hostile one. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 256 * 1024;
    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 100;

    private final int maxBytes;
    private final int maxTextChars;

    public MimeReader() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_TEXT_CHARS);
    }

    public MimeReader(int maxBytes, int maxTextChars) {
        if (maxBytes <= 0 || maxTextChars <= 0) {
            throw new IllegalArgumentException("MimeReader limits must be positive, got maxBytes=" + maxBytes
                + " maxTextChars=" + maxTextChars);
        }
        this.maxBytes = maxBytes;
        this.maxTextChars = maxTextChars;
    }

    public MimeMessage read(byte[] message) {
        int length = Math.min(message.length, maxBytes);
        // One char per byte: structure is ASCII, and each part's bytes come back out unchanged.
        String raw = new String(message, 0, length, StandardCharsets.ISO_8859_1);
        MessageBuilder builder = new MessageBuilder(maxTextChars);
        if (length < message.length) {
            builder.markTruncated();
        }
        try {
            HeaderSection top = HeaderSection.parse(raw, 0, raw.length());
            builder.topHeaders(top.headers);
            readBody(raw, top, raw.length(), 0, builder);
        } catch (RuntimeException e) {
            // Best effort on purpose: a reader bug on hostile mail must not fail the spam check.
            builder.markTruncated();
        }
        return builder.build();
    }

    private void readEntity(String raw, int start, int end, int depth, MessageBuilder builder) {
        readBody(raw, HeaderSection.parse(raw, start, end), end, depth, builder);
    }

    private void readBody(String raw, HeaderSection section, int end, int depth, MessageBuilder builder) {
        if (depth > MAX_DEPTH || builder.partCount() >= MAX_PARTS) {
            builder.markTruncated();
            return;
        }
        Headers headers = section.headers;
        ContentType type = ContentType.parse(headers.first("Content-Type").orElse(null));
        String boundary = type.parameter("boundary").orElse("");
        if (type.isMultipart() && !boundary.isEmpty()) {
            readMultipart(raw, section.bodyStart, end, boundary, depth, builder);
            return;
        }
        if (type.mediaType().equals("message/rfc822")) {
            readEntity(raw, section.bodyStart, end, depth + 1, builder);
            return;
        }
        String encoding = headers.first("Content-Transfer-Encoding").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        String mediaType = type.isMultipart() ? "text/plain" : type.mediaType();
        builder.addPart(new MimePart(mediaType, type.parameter("charset").orElse(null), encoding, fileName(headers, type)));
        if (!type.isText() && !type.isMultipart()) {
            return;
        }
        if (builder.textFull()) {
            builder.markTruncated();
            return;
        }
        // Decode at most what can still be kept (base64 is 4/3 larger, QP up to 3x).
        int budget = (int) Math.min((long) builder.textRoom() * 3 + 4, end - section.bodyStart);
        byte[] encoded = raw.substring(section.bodyStart, section.bodyStart + budget).getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = TransferDecoding.decode(encoding, encoded);
        String charset = type.parameter("charset").orElse(null);
        String text = charset == null ? CharsetLookup.decodeUndeclared(bytes) : CharsetLookup.decode(bytes, CharsetLookup.forName(charset));
        if (type.isHtml() || (mediaType.equals("text/plain") && looksLikeHtml(text))) {
            builder.addHtml(HtmlText.of(text));
        } else {
            builder.addPlain(text);
        }
    }

    /** Spam often labels HTML as text/plain; mail readers render it as HTML anyway. */
    private static boolean looksLikeHtml(String text) {
        int probe = Math.min(text.length(), 2048);
        String head = text.substring(0, probe).toLowerCase(Locale.ROOT);
        return head.contains("<html") || head.contains("<body") || (head.contains("<a href") && head.contains("</a>"));
    }

    /** RFC 2046 §5.1.1: parts sit between "--boundary" lines; "--boundary--" closes. */
    private void readMultipart(String raw, int start, int end, String boundary, int depth, MessageBuilder builder) {
        String delimiter = "--" + boundary;
        int partStart = -1;
        int pos = start;
        while (pos < end) {
            int at = raw.indexOf(delimiter, pos);
            if (at < 0 || at >= end) {
                break;
            }
            if (at != start && raw.charAt(at - 1) != '\n') {
                pos = at + delimiter.length();
                continue;
            }
            if (partStart >= 0) {
                readEntity(raw, partStart, lineBreakBefore(raw, at, partStart), depth + 1, builder);
            }
            int afterDelimiter = at + delimiter.length();
            if (raw.startsWith("--", afterDelimiter)) {
                return;
            }
            int eol = raw.indexOf('\n', afterDelimiter);
            partStart = eol < 0 || eol >= end ? end : eol + 1;
            pos = partStart;
        }
        if (partStart >= 0 && partStart < end) {
            builder.markTruncated(); // missing close delimiter: read the last part anyway
            readEntity(raw, partStart, end, depth + 1, builder);
        } else if (partStart < 0) {
            builder.markTruncated(); // no delimiter at all: the body is probably text
            builder.addPlain(raw.substring(start, Math.min(end, start + builder.textRoom())));
        }
    }

    /** RFC 2046 §5.1.1: the CRLF before a delimiter belongs to the delimiter. */
    private static int lineBreakBefore(String raw, int delimiterAt, int partStart) {
        int end = delimiterAt;
        if (end > partStart && raw.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > partStart && raw.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    private static String fileName(Headers headers, ContentType type) {
        String disposition = headers.first("Content-Disposition").orElse(null);
        if (disposition != null) {
            String name = ContentType.parse("x/x;" + disposition.substring(Math.max(0, disposition.indexOf(';') + 1)))
                .parameter("filename").orElse(null);
            if (name != null) {
                return EncodedWords.decode(name);
            }
        }
        return type.parameter("name").map(EncodedWords::decode).orElse(null);
    }
}
