package dev.postino.testing.peer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction the peer accepted with a 2xx after the final dot.
 *
 * @param connectionId   the {@link RecordedConnection#id()} it arrived on
 * @param sender         the reverse-path, "" for the null sender {@code <>}
 * @param mailParameters MAIL FROM parameters (keys upper-case, values as sent)
 * @param recipients     only those answered 2xx, in RCPT order
 * @param data           the message after dot-unstuffing, line endings as sent
 * @param tls            whether STARTTLS was in force
 * @param authenticatedAs the AUTH user, if the client authenticated
 */
public record RecordedMessage(
    int connectionId,
    String sender,
    Map<String, String> mailParameters,
    List<RecordedRecipient> recipients,
    byte[] data,
    boolean tls,
    Optional<String> authenticatedAs) {

    public RecordedMessage {
        mailParameters = Map.copyOf(mailParameters);
        recipients = List.copyOf(recipients);
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The message decoded as UTF-8 (fine for the ASCII and UTF-8 mail tests send). */
    public String content() {
        return new String(data, StandardCharsets.UTF_8);
    }

    public List<String> recipientAddresses() {
        return recipients.stream().map(RecordedRecipient::address).toList();
    }

    public boolean isFor(String address) {
        String wanted = PeerScript.normalise(address);
        return recipients.stream().anyMatch(r -> PeerScript.normalise(r.address()).equals(wanted));
    }

    public Optional<String> mailParameter(String name) {
        return Optional.ofNullable(mailParameters.get(name.toUpperCase(Locale.ROOT)));
    }

    /** RFC 3461 §4.3 RET, {@code FULL} or {@code HDRS}. */
    public Optional<String> ret() {
        return mailParameter("RET");
    }

    /** RFC 3461 §4.4 ENVID, still xtext-encoded. */
    public Optional<String> envelopeId() {
        return mailParameter("ENVID");
    }

    /** RFC 6152 BODY, {@code 7BIT} or {@code 8BITMIME}. */
    public Optional<String> body() {
        return mailParameter("BODY");
    }

    /** RFC 1870 SIZE as declared by the client. */
    public Optional<Long> declaredSize() {
        return mailParameter("SIZE").map(Long::parseLong);
    }

    /** By content, as a record would be if its bytes were a value. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedMessage that
            && connectionId == that.connectionId && tls == that.tls && sender.equals(that.sender)
            && mailParameters.equals(that.mailParameters) && recipients.equals(that.recipients)
            && Arrays.equals(data, that.data) && authenticatedAs.equals(that.authenticatedAs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionId, sender, recipients, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "RecordedMessage[connection=" + connectionId + ", from=<" + sender + ">, to=" + recipientAddresses()
            + ", params=" + mailParameters + ", bytes=" + data.length + ", tls=" + tls + "]";
    }
}
