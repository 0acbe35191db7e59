package dev.postino.smtp;

import java.io.File;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;

/** Just enough of James's SMTP session, mail envelope and file system for the size hooks. */
final class FakeSmtp {
    private FakeSmtp() {
    }

    /** A session with {@code SIZE=declared} at MAIL (null: none) and {@code user} authenticated (null: none). */
    static SMTPSession session(Integer declared, String user) {
        return (SMTPSession) Proxy.newProxyInstance(FakeSmtp.class.getClassLoader(), new Class<?>[] {SMTPSession.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getAttachment":
                        return RefuseOversized.DECLARED_SIZE.equals(args[0]) ? Optional.ofNullable(declared) : Optional.empty();
                    case "getUsername":
                        return user == null ? null : Username.of(user);
                    case "getSessionID":
                        return "session-1";
                    case "getRemoteAddress":
                        return new InetSocketAddress("192.0.2.1", 40000);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    static MailEnvelope envelope(long size, String sender, List<MailAddress> recipients) {
        return (MailEnvelope) Proxy.newProxyInstance(FakeSmtp.class.getClassLoader(), new Class<?>[] {MailEnvelope.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getSize":
                        return size;
                    case "getRecipients":
                        return recipients;
                    case "getMaybeSender":
                        return MaybeSender.getMailSender(sender);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    static FileSystem fileSystem(Path basedir) {
        return (FileSystem) Proxy.newProxyInstance(FakeSmtp.class.getClassLoader(), new Class<?>[] {FileSystem.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getBasedir")) {
                    return basedir.toFile();
                }
                if (method.getName().equals("getFile")) {
                    return new File(basedir.toFile(), String.valueOf(args[0]));
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }
}
