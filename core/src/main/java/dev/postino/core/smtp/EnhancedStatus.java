package dev.postino.core.smtp;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced status code, {@code class.subject.detail} such as {@code 5.1.1}.
 * The class is 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
 */
public final class EnhancedStatus {
    // RFC 3463 §2: class "." subject "." detail; subject and detail are 1 to 3 digits.
    private static final Pattern CODE = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    private final int statusClass;
    private final int subject;
    private final int detail;

    private EnhancedStatus(int statusClass, int subject, int detail) {
        this.statusClass = statusClass;
        this.subject = subject;
        this.detail = detail;
    }

    public static EnhancedStatus of(int statusClass, int subject, int detail) {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5, got " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status subject and detail must be 0..999");
        }
        return new EnhancedStatus(statusClass, subject, detail);
    }

    /** Parses exactly {@code x.y.z}; anything else is rejected with the offending text. */
    public static EnhancedStatus parse(String text) {
        return tryParse(text).orElseThrow(() ->
            new IllegalArgumentException("not an RFC 3463 enhanced status code: '" + text + "'"));
    }

    public static Optional<EnhancedStatus> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /** The same subject and detail under another class, e.g. 5.2.2 seen as transient → 4.2.2. */
    public EnhancedStatus withClass(int newClass) {
        return of(newClass, subject, detail);
    }

    public int statusClass() {
        return statusClass;
    }

    public int subject() {
        return subject;
    }

    public int detail() {
        return detail;
    }

    public boolean isPermanent() {
        return statusClass == 5;
    }

    public boolean isSuccess() {
        return statusClass == 2;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EnhancedStatus)) {
            return false;
        }
        EnhancedStatus that = (EnhancedStatus) o;
        return statusClass == that.statusClass && subject == that.subject && detail == that.detail;
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusClass, subject, detail);
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
