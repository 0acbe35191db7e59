package dev.postino.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;

/** Copies of a queued mail under a new name, for {@link QueueActions}. */
final class MailCopies {
    private static final Pattern RENAMED = Pattern.compile("(.*)~(\\d{1,9})");

    private MailCopies() {
    }

    /** {@code name} → {@code name~step}; {@code name~N} → {@code name~(N+step)}. */
    static String renamed(String name, int step) {
        Matcher matcher = RENAMED.matcher(name);
        if (matcher.matches()) {
            return matcher.group(1) + "~" + (Long.parseLong(matcher.group(2)) + step);
        }
        return name + "~" + step;
    }

    /** A full copy under a new name (James's own duplicate refuses names it derived many times). */
    static Mail copy(Mail mail, String name) throws MessagingException {
        return MailImpl.builder()
            .name(name)
            .sender(mail.getMaybeSender())
            .addRecipients(mail.getRecipients())
            .remoteHost(mail.getRemoteHost())
            .remoteAddr(mail.getRemoteAddr())
            .lastUpdated(mail.getLastUpdated())
            .errorMessage(mail.getErrorMessage())
            .state(mail.getState())
            .addAttributes(mail.attributes().map(Attribute::duplicate).collect(Collectors.toList()))
            .addAllHeadersForRecipients(mail.getPerRecipientSpecificHeaders())
            .mimeMessage(mail.getMessage())
            .build();
    }

    static List<MailAddress> addresses(List<String> recipients) throws MessagingException {
        List<MailAddress> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            try {
                addresses.add(new MailAddress(recipient));
            } catch (AddressException e) {
                throw new MessagingException("bad recipient in a delivery history: " + recipient, e);
            }
        }
        return addresses;
    }
}
