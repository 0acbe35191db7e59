package dev.postino.delivery;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1: one keyword
 * and its parameters per line after the first), as far as the courier uses them.
 */
final class EhloCapabilities {
    /** After HELO: no extensions at all (RFC 5321 §4.1.4). */
    static final EhloCapabilities NONE = new EhloCapabilities(false, 0, false, Set.of(), false, false, false);

    private final boolean size;
    private final long sizeLimit;
    private final boolean startTls;
    private final Set<String> authMechanisms;
    private final boolean eightBitMime;
    private final boolean dsn;
    private final boolean pipelining;

    private EhloCapabilities(boolean size, long sizeLimit, boolean startTls, Set<String> authMechanisms,
                             boolean eightBitMime, boolean dsn, boolean pipelining) {
        this.size = size;
        this.sizeLimit = sizeLimit;
        this.startTls = startTls;
        this.authMechanisms = authMechanisms;
        this.eightBitMime = eightBitMime;
        this.dsn = dsn;
        this.pipelining = pipelining;
    }

    /** Reads the lines of a positive EHLO reply, the greeting line first; unknown keywords are ignored. */
    static EhloCapabilities parse(List<String> replyLines) {
        boolean size = false;
        long sizeLimit = 0;
        boolean startTls = false;
        Set<String> mechanisms = new LinkedHashSet<>();
        boolean eightBitMime = false;
        boolean dsn = false;
        boolean pipelining = false;
        for (int i = 1; i < replyLines.size(); i++) {
            String line = replyLines.get(i);
            String[] words = (line.length() > 4 ? line.substring(4) : "").trim().split("\\s+");
            String keyword = words[0].toUpperCase(Locale.ROOT);
            if (keyword.equals("SIZE")) {
                size = true;
                sizeLimit = words.length > 1 ? sizeLimit(words[1]) : 0;
            } else if (keyword.equals("STARTTLS")) {
                startTls = true;
            } else if (keyword.equals("AUTH") || keyword.startsWith("AUTH=")) {
                // "AUTH=PLAIN LOGIN" is the pre-RFC 4954 form some servers still send alongside.
                if (keyword.startsWith("AUTH=")) {
                    mechanisms.add(keyword.substring(5));
                }
                for (int w = 1; w < words.length; w++) {
                    mechanisms.add(words[w].toUpperCase(Locale.ROOT));
                }
            } else if (keyword.equals("8BITMIME")) {
                eightBitMime = true;
            } else if (keyword.equals("DSN")) {
                dsn = true;
            } else if (keyword.equals("PIPELINING")) {
                pipelining = true;
            }
        }
        mechanisms.remove("");
        return new EhloCapabilities(size, sizeLimit, startTls, Collections.unmodifiableSet(mechanisms),
            eightBitMime, dsn, pipelining);
    }

    /** RFC 1870 §4: a decimal number of octets, 0 for no fixed maximum; nonsense counts as none. */
    private static long sizeLimit(String text) {
        if (!text.matches("[0-9]{1,18}")) {
            return 0;
        }
        return Long.parseLong(text);
    }

    /** RFC 1870 SIZE, with or without a limit. */
    boolean size() {
        return size;
    }

    /** The announced maximum message size in bytes; 0 for none. */
    long sizeLimit() {
        return sizeLimit;
    }

    boolean startTls() {
        return startTls;
    }

    /** Upper-case SASL mechanism names (RFC 4954). */
    Set<String> authMechanisms() {
        return authMechanisms;
    }

    boolean eightBitMime() {
        return eightBitMime;
    }

    boolean dsn() {
        return dsn;
    }

    /** Recorded for the log; the courier sends one command at a time. */
    boolean pipelining() {
        return pipelining;
    }

    @Override
    public String toString() {
        return "EhloCapabilities[size=" + (size ? sizeLimit : "no") + ", starttls=" + startTls + ", auth="
            + authMechanisms + ", 8bitmime=" + eightBitMime + ", dsn=" + dsn + ", pipelining=" + pipelining + "]";
    }
}
