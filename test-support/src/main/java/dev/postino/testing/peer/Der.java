package dev.postino.testing.peer;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Just enough ASN.1 DER (X.690 §8, §10) to write one X.509 certificate. */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int UTC_TIME = 0x17;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private Der() {
    }

    /** A tag-length-value with the parts concatenated as its content. */
    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            // X.690 §8.1.3.5: long form, the count of length octets first.
            byte[] octets = BigInteger.valueOf(length).toByteArray();
            int skip = octets[0] == 0 ? 1 : 0;
            out.write(0x80 | (octets.length - skip));
            out.write(octets, skip, octets.length - skip);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray());
    }

    static byte[] utf8(String text) {
        return tlv(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] text(int tag, String ascii) {
        return tlv(tag, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** X.690 §8.19: the first two arcs share an octet, the rest are base 128. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(OID, out.toByteArray());
    }

    /** A BIT STRING of whole octets: no unused bits. */
    static byte[] bits(byte[] octets) {
        return tlv(BIT_STRING, new byte[] {0}, octets);
    }
}
