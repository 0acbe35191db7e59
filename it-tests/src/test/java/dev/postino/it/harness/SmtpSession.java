package dev.postino.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;

/**
 * A real SMTP client session (commons-net) against one of our servers, for tests that assert on
 * exact reply codes: plain, STARTTLS or implicit TLS, AUTH PLAIN. The server's certificate is
 * self-signed, so it is not verified.
 */
public final class SmtpSession implements AutoCloseable {
    private final AuthenticatingSMTPClient client;
    private final SmtpReplyLines greeting;
    private boolean tls;

    private SmtpSession(AuthenticatingSMTPClient client, String host, int port) {
        this.client = client;
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setDefaultTimeout(30_000);
        client.setConnectTimeout(10_000);
        try {
            client.connect(host, port);
            client.setSoTimeout(30_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
        this.greeting = reply();
    }

    /** Plain TCP (port 25, or 587 before STARTTLS). */
    public static SmtpSession plain(int port) {
        return new SmtpSession(new AuthenticatingSMTPClient("TLS"), "127.0.0.1", port);
    }

    /** TLS from the first byte (port 465). */
    public static SmtpSession implicitTls(int port) {
        SmtpSession session = new SmtpSession(new AuthenticatingSMTPClient("TLS", true), "127.0.0.1", port);
        session.tls = true;
        return session;
    }

    public SmtpReplyLines greeting() {
        return greeting;
    }

    public SmtpReplyLines ehlo(String name) {
        return command("EHLO " + name);
    }

    /** STARTTLS; on 220 the TLS handshake is done before this returns. */
    public SmtpReplyLines starttls() {
        try {
            boolean ok = client.execTLS();
            SmtpReplyLines reply = reply();
            if (ok != (reply.code() == 220)) {
                throw new IllegalStateException("STARTTLS state unclear: " + reply);
            }
            tls = ok;
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException("STARTTLS failed", e);
        }
    }

    public SmtpReplyLines authPlain(String user, String password) {
        try {
            client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password);
            return reply();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AUTH PLAIN failed to run", e);
        }
    }

    public SmtpReplyLines mailFrom(String address) {
        return command("MAIL FROM:<" + address + ">");
    }

    public SmtpReplyLines rcptTo(String address) {
        return command("RCPT TO:<" + address + ">");
    }

    /**
     * DATA then the message (dot-stuffed by the client) and the final dot. Returns the 354 refusal
     * if DATA itself was refused, else the reply to the end of data.
     */
    public SmtpReplyLines data(String message) {
        try {
            Writer writer = client.sendMessageData();
            if (writer == null) {
                return reply();
            }
            writer.write(message);
            writer.close();
            client.completePendingCommand();
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException("DATA failed", e);
        }
    }

    /** Any raw command line, without CRLF. */
    public SmtpReplyLines command(String line) {
        try {
            client.sendCommand(line);
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(line + " failed", e);
        }
    }

    public boolean isTls() {
        return tls;
    }

    private SmtpReplyLines reply() {
        List<String> lines = new ArrayList<>();
        for (String raw : Arrays.asList(client.getReplyStrings())) {
            lines.add(raw.length() > 4 ? raw.substring(4) : "");
        }
        return new SmtpReplyLines(client.getReplyCode(), lines);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                try {
                    client.sendCommand("QUIT");
                } catch (IOException ignored) {
                    // the server may have closed already
                }
                client.disconnect();
            }
        } catch (IOException ignored) {
            // closing
        }
    }

    /** A session on 587 after EHLO, STARTTLS, EHLO and AUTH PLAIN, each asserted to succeed. */
    public static SmtpSession authenticated(int submissionPort, String user, String password) {
        SmtpSession smtp = plain(submissionPort);
        try {
            expect(smtp.ehlo("client.test"), 250);
            expect(smtp.starttls(), 220);
            expect(smtp.ehlo("client.test"), 250);
            expect(smtp.authPlain(user, password), 235);
            return smtp;
        } catch (RuntimeException | AssertionError e) {
            smtp.close();
            throw e;
        }
    }

    /** Submits one message on 587 with STARTTLS and AUTH, asserting every step succeeds. */
    public static void submit(int submissionPort, String user, String password, String from,
                              List<String> recipients, String message) {
        try (SmtpSession smtp = authenticated(submissionPort, user, password)) {
            expect(smtp.mailFrom(from), 250);
            for (String rcpt : recipients) {
                expect(smtp.rcptTo(rcpt), 250);
            }
            expect(smtp.data(message), 250);
        }
    }

    private static void expect(SmtpReplyLines reply, int code) {
        if (reply.code() != code) {
            throw new AssertionError("expected " + code + " but server said " + reply);
        }
    }
}
