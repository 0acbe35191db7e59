package dev.postino.core.spam.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an entity (held as a Latin-1 string, one char per byte) into its header section and
 * the offset where its body starts. RFC 5322 §2.2.3: a line starting with whitespace continues
 * the previous field; §2.1: an empty line ends the section.
 */
final class HeaderSection {
    private static final int MAX_FIELDS = 500;

    final Headers headers;
    final int bodyStart;

    private HeaderSection(Headers headers, int bodyStart) {
        this.headers = headers;
        this.bodyStart = bodyStart;
    }

    static HeaderSection parse(String raw, int start, int end) {
        List<HeaderField> fields = new ArrayList<>();
        StringBuilder current = null;
        int pos = start;
        while (pos < end) {
            int eol = raw.indexOf('\n', pos);
            int next = eol < 0 || eol >= end ? end : eol + 1;
            int lineEnd = next;
            while (lineEnd > pos && (raw.charAt(lineEnd - 1) == '\n' || raw.charAt(lineEnd - 1) == '\r')) {
                lineEnd--;
            }
            if (lineEnd == pos) {
                addField(fields, current);
                return new HeaderSection(new Headers(fields), next);
            }
            char first = raw.charAt(pos);
            if ((first == ' ' || first == '\t') && current != null) {
                current.append(' ').append(raw, pos, lineEnd);
            } else {
                addField(fields, current);
                current = null;
                int colon = raw.indexOf(':', pos);
                if (colon > pos && colon < lineEnd && isFieldName(raw, pos, colon)) {
                    current = new StringBuilder(lineEnd - pos).append(raw, pos, lineEnd);
                } else if (pos > start && !raw.startsWith("From ", pos)) {
                    // Neither a field nor a continuation: the body started without its empty line.
                    return new HeaderSection(new Headers(fields), pos);
                }
            }
            if (fields.size() >= MAX_FIELDS) {
                return new HeaderSection(new Headers(fields), next);
            }
            pos = next;
        }
        addField(fields, current);
        return new HeaderSection(new Headers(fields), end);
    }

    /** RFC 5322 §3.6.8: printable ASCII except ':'; we also tolerate trailing spaces ("Subject :"). */
    private static boolean isFieldName(String raw, int from, int colon) {
        String name = raw.substring(from, colon).trim();
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127) {
                return false;
            }
        }
        return true;
    }

    private static void addField(List<HeaderField> fields, StringBuilder line) {
        if (line == null) {
            return;
        }
        int colon = line.indexOf(":");
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        fields.add(new HeaderField(name, decodeRaw8bit(value)));
    }

    /** Raw 8-bit bytes in a header (RFC 6532 allows UTF-8) become characters, best effort. */
    private static String decodeRaw8bit(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return CharsetLookup.decodeUndeclared(latin1.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return latin1;
    }
}
