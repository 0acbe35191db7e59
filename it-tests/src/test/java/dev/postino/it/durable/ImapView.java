package dev.postino.it.durable;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.search.SearchTerm;

import com.sun.mail.imap.IMAPFolder;

/** What a user's IMAP client sees of one folder: UIDVALIDITY, UIDs, and server-side SEARCH. */
record ImapView(long uidValidity, List<Long> uids, List<Long> searchHits) {

    /** Logs in over STARTTLS, opens {@code folder} read-only and runs {@code search} on the server. */
    static ImapView of(int port, String user, String password, String folder, SearchTerm search) {
        Properties props = new Properties();
        props.setProperty("mail.imap.starttls.enable", "true");
        props.setProperty("mail.imap.starttls.required", "true");
        props.setProperty("mail.imap.ssl.trust", "*");
        props.setProperty("mail.imap.connectiontimeout", "10000");
        props.setProperty("mail.imap.timeout", "30000");
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect("127.0.0.1", port, user, password);
            IMAPFolder open = (IMAPFolder) store.getFolder(folder);
            if (!open.exists()) {
                return new ImapView(-1, List.of(), List.of());
            }
            open.open(Folder.READ_ONLY);
            try {
                List<Long> uids = new ArrayList<>();
                for (Message message : open.getMessages()) {
                    uids.add(open.getUID(message));
                }
                List<Long> hits = new ArrayList<>();
                for (Message message : open.search(search)) {
                    hits.add(open.getUID(message));
                }
                return new ImapView(open.getUIDValidity(), uids, hits);
            } finally {
                open.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP view of " + user + "/" + folder + " failed: " + e, e);
        }
    }

    /** Creates a folder (IMAP CREATE) if it does not exist. */
    static void create(int port, String user, String password, String folder) {
        Properties props = new Properties();
        props.setProperty("mail.imap.starttls.enable", "true");
        props.setProperty("mail.imap.starttls.required", "true");
        props.setProperty("mail.imap.ssl.trust", "*");
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect("127.0.0.1", port, user, password);
            Folder created = store.getFolder(folder);
            if (!created.exists() && !created.create(Folder.HOLDS_MESSAGES)) {
                throw new IllegalStateException("IMAP CREATE " + folder + " refused");
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP CREATE " + folder + " failed: " + e, e);
        }
    }
}
