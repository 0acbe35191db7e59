package dev.postino.core.spam;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved form of an {@link InMemoryTokenStore}: UTF-8 text, one line each, sorted so that two
 * saves of the same counts are byte-identical and diff well.
 *
 * <pre>
 * postino-spam-tokens 1
 * messages SPAM HAM
 * SPAM HAM TOKEN
 * ...
 * </pre>
 *
 * <p>In a token, backslash, space, tab, CR and LF are written {@code \\ \s \t \r \n}. Reading is
 * strict: a damaged file fails with the line number rather than silently training on half of it.
 * The streams belong to the caller, who opens and closes them.
 */
public final class TokenStoreFile {
    static final String MAGIC = "postino-spam-tokens 1";

    private TokenStoreFile() {
    }

    public static void write(InMemoryTokenStore store, Writer out) throws IOException {
        List<String> lines = new ArrayList<>(store.size() + 2);
        TokenCounts totals = store.forEach((token, counts) ->
            lines.add(counts.spam() + " " + counts.ham() + " " + escape(token)));
        out.write(MAGIC + "\n");
        out.write("messages " + totals.spam() + " " + totals.ham() + "\n");
        for (String line : lines) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
    }

    public static InMemoryTokenStore read(Reader in) throws IOException {
        BufferedReader lines = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        InMemoryTokenStore store = new InMemoryTokenStore();
        String magic = lines.readLine();
        if (!MAGIC.equals(magic)) {
            throw new IOException("line 1: expected '" + MAGIC + "', got '" + magic + "'");
        }
        String totalsLine = lines.readLine();
        String[] totals = totalsLine == null ? new String[0] : totalsLine.split(" ", -1);
        if (totals.length != 3 || !totals[0].equals("messages")) {
            throw new IOException("line 2: expected 'messages SPAM HAM', got '" + totalsLine + "'");
        }
        store.putTotals(TokenCounts.of(count(totals[1], 2), count(totals[2], 2)));
        int number = 2;
        String line;
        while ((line = lines.readLine()) != null) {
            number++;
            String[] fields = line.split(" ", 3);
            if (fields.length != 3 || fields[2].isEmpty()) {
                throw new IOException("line " + number + ": expected 'SPAM HAM TOKEN', got '" + line + "'");
            }
            store.put(unescape(fields[2], number), TokenCounts.of(count(fields[0], number), count(fields[1], number)));
        }
        return store;
    }

    private static long count(String text, int line) throws IOException {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new IOException("line " + line + ": negative count '" + text + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("line " + line + ": not a count '" + text + "'", e);
        }
    }

    static String escape(String token) {
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case ' ': out.append("\\s"); break;
                case '\t': out.append("\\t"); break;
                case '\r': out.append("\\r"); break;
                case '\n': out.append("\\n"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text, int line) throws IOException {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = ++i < text.length() ? text.charAt(i) : '?';
            switch (next) {
                case '\\': out.append('\\'); break;
                case 's': out.append(' '); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case 'n': out.append('\n'); break;
                default: throw new IOException("line " + line + ": bad escape in token '" + text + "'");
            }
        }
        return out.toString();
    }
}
