package dev.postino.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;

/**
 * Reads a user's mail the way a mail client does: IMAP with STARTTLS (143) or implicit TLS
 * (993), POP3 with STLS (110) or implicit TLS (995). Returns each message as its raw text.
 */
public final class MailReader {
    private MailReader() {
    }

    /** The raw messages of an IMAP folder, read over STARTTLS; empty if the folder does not exist. */
    public static List<String> imap(int port, String user, String password, String folder) {
        Properties props = new Properties();
        props.setProperty("mail.imap.starttls.enable", "true");
        props.setProperty("mail.imap.starttls.required", "true");
        props.setProperty("mail.imap.ssl.trust", "*");
        props.setProperty("mail.imap.connectiontimeout", "10000");
        props.setProperty("mail.imap.timeout", "5000");
        return read("imap", port, user, password, folder, props);
    }

    public static List<String> imaps(int port, String user, String password, String folder) {
        Properties props = new Properties();
        props.setProperty("mail.imaps.ssl.trust", "*");
        props.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        props.setProperty("mail.imaps.connectiontimeout", "10000");
        props.setProperty("mail.imaps.timeout", "5000");
        return read("imaps", port, user, password, folder, props);
    }

    /** The raw messages of the POP3 mailbox, read over STLS. */
    public static List<String> pop3(int port, String user, String password) {
        Properties props = new Properties();
        props.setProperty("mail.pop3.starttls.enable", "true");
        props.setProperty("mail.pop3.starttls.required", "true");
        props.setProperty("mail.pop3.ssl.trust", "*");
        props.setProperty("mail.pop3.connectiontimeout", "10000");
        props.setProperty("mail.pop3.timeout", "5000");
        return read("pop3", port, user, password, "INBOX", props);
    }

    private static List<String> read(String protocol, int port, String user, String password, String folderName,
                                     Properties props) {
        // A message arriving while we fetch can make James answer "BAD … Invalid messageset", and
        // a read racing the creation of the folder (LocalDelivery filing into Junk) has been seen to
        // get no answer at all: read again on a new connection, as a mail client would on its next
        // poll. The 5 s read timeout keeps three tries inside the tests' 30 s waits.
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return readOnce(protocol, port, user, password, folderName, props);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static List<String> readOnce(String protocol, int port, String user, String password, String folderName,
                                         Properties props) {
        Session session = Session.getInstance(props);
        try (Store store = session.getStore(protocol)) {
            store.connect("127.0.0.1", port, user, password);
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            try {
                List<String> raw = new ArrayList<>();
                for (Message message : folder.getMessages()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    message.writeTo(out);
                    raw.add(out.toString(StandardCharsets.UTF_8));
                }
                return raw;
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(protocol + " read of " + user + "/" + folderName + " failed: " + e, e);
        }
    }
}
