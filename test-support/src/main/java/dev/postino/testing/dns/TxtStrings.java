package dev.postino.testing.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.TXTRecord;

/**
 * Converts between a TXT value as a test writes it and the character-strings of a TXT record.
 *
 * <p>A character-string holds at most 255 bytes (RFC 1035 §3.3), so a longer value is split, and
 * a reader joins the strings of one record without spaces (RFC 7208 §3.3, as SPF and DKIM do).
 * dnsjava's {@code TXTRecord(…, String)} reads zone-file escapes, so every byte outside printable
 * ASCII, and every backslash, is written as {@code \DDD}: the bytes served are the UTF-8 bytes of
 * the value, nothing else.
 */
final class TxtStrings {
    private static final int MAX_STRING_BYTES = 255;

    private TxtStrings() {
    }

    /** The value as dnsjava-escaped character-strings of at most 255 bytes each. */
    static List<String> split(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < bytes.length || strings.isEmpty(); start += MAX_STRING_BYTES) {
            int end = Math.min(bytes.length, start + MAX_STRING_BYTES);
            strings.add(escape(bytes, start, end));
        }
        return strings;
    }

    /** The record's character-strings joined into one value. */
    static String join(TXTRecord record) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] string : record.getStringsAsByteArrays()) {
            joined.writeBytes(string);
        }
        return joined.toString(StandardCharsets.UTF_8);
    }

    private static String escape(byte[] bytes, int start, int end) {
        StringBuilder escaped = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x20 || b > 0x7e || b == '\\') {
                escaped.append(String.format("\\%03d", b));
            } else {
                escaped.append((char) b);
            }
        }
        return escaped.toString();
    }
}
