package dev.postino.delivery;

import java.util.Objects;
import java.util.Optional;

import org.apache.mailet.DsnParameters;

/** One RCPT TO: the address and its RFC 3461 parameters, relayed when the peer supports DSN. */
public final class EnvelopeRecipient {
    private final String address;
    private final Optional<String> notify;
    private final Optional<String> orcpt;

    private EnvelopeRecipient(String address, Optional<String> notify, Optional<String> orcpt) {
        this.address = Objects.requireNonNull(address, "address");
        this.notify = notify;
        this.orcpt = orcpt;
    }

    public static EnvelopeRecipient of(String address) {
        return new EnvelopeRecipient(address, Optional.empty(), Optional.empty());
    }

    /**
     * @param notify the NOTIFY value as sent, e.g. {@code FAILURE,DELAY} or {@code NEVER}
     * @param orcpt the ORCPT value as received, e.g. {@code rfc822;bob@b.test}; relayed as it is when
     *              its address is xtext (RFC 3461 §4), else xtext-encoded
     */
    public static EnvelopeRecipient of(String address, Optional<String> notify, Optional<String> orcpt) {
        return new EnvelopeRecipient(address, notify, orcpt.map(EnvelopeRecipient::asXtext));
    }

    /**
     * James accepts {@code ORCPT=rfc822;bob+tag@b.test} from a careless client, though a bare
     * {@code +} is not xtext; relayed so, a strict server (Postfix: {@code 501 5.5.4 Bad ORCPT
     * parameter syntax}) would refuse the recipient. Such an address is encoded ({@code bob+2Btag}).
     */
    private static String asXtext(String orcpt) {
        int semicolon = orcpt.indexOf(';');
        String address = orcpt.substring(semicolon + 1);
        return DsnParameters.XText.isValid(address) ? orcpt
            : orcpt.substring(0, semicolon + 1) + DsnParameters.XText.encode(address);
    }

    public String address() {
        return address;
    }

    public Optional<String> notifyParameter() {
        return notify;
    }

    public Optional<String> orcpt() {
        return orcpt;
    }

    @Override
    public String toString() {
        return address;
    }
}
