package dev.postino.core.route;

import java.util.List;
import java.util.Objects;

/**
 * What the resolver answered to an MX query, as a value the delivery engine builds from its DNS
 * library: records, an empty answer (NOERROR/NODATA), a domain that does not exist (NXDOMAIN), or
 * a temporary failure (SERVFAIL, timeout) with the resolver's words.
 */
public final class MxLookup {
    /** The four answers an MX query can have. */
    public enum Kind { RECORDS, NO_RECORDS, NXDOMAIN, TEMP_FAILURE }

    private static final MxLookup NO_RECORDS = new MxLookup(Kind.NO_RECORDS, List.of(), null);
    private static final MxLookup NXDOMAIN = new MxLookup(Kind.NXDOMAIN, List.of(), null);

    private final Kind kind;
    private final List<MxRecord> records;
    private final String failureText;

    private MxLookup(Kind kind, List<MxRecord> records, String failureText) {
        this.kind = kind;
        this.records = records;
        this.failureText = failureText;
    }

    /** At least one record; an empty answer is {@link #noRecords()}. */
    public static MxLookup records(List<MxRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("an MX answer with records has at least one; use noRecords()");
        }
        return new MxLookup(Kind.RECORDS, List.copyOf(records), null);
    }

    public static MxLookup noRecords() {
        return NO_RECORDS;
    }

    public static MxLookup nxdomain() {
        return NXDOMAIN;
    }

    public static MxLookup tempFailure(String text) {
        return new MxLookup(Kind.TEMP_FAILURE, List.of(), Objects.requireNonNull(text, "text"));
    }

    public Kind kind() {
        return kind;
    }

    /** RECORDS: the records as the resolver returned them. */
    public List<MxRecord> records() {
        check(Kind.RECORDS);
        return records;
    }

    /** TEMP_FAILURE: what the resolver said, for the log and the DSN. */
    public String failureText() {
        check(Kind.TEMP_FAILURE);
        return failureText;
    }

    private void check(Kind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException("MX lookup is " + kind + ", not " + wanted);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MxLookup)) {
            return false;
        }
        MxLookup that = (MxLookup) o;
        return kind == that.kind && records.equals(that.records) && Objects.equals(failureText, that.failureText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, records, failureText);
    }

    @Override
    public String toString() {
        switch (kind) {
            case RECORDS:
                return "MX" + records;
            case TEMP_FAILURE:
                return "TEMP_FAILURE(" + failureText + ")";
            default:
                return kind.name();
        }
    }
}
