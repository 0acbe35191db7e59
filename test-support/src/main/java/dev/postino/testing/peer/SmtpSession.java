package dev.postino.testing.peer;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The server side of one connection, greeting to QUIT. Every reply either comes from the script
 * or is the default "accept"; checks of sequence and syntax come first and consume no script.
 * Longer than our usual class on purpose: it is one state machine, and keeping the RFC 5321
 * sequence rules side by side is what makes it checkable.
 */
final class SmtpSession {

    /** How often a held step ({@link StepBuilder#holdUntil}) checks whether the peer stopped. */
    private static final Duration RELEASE_POLL = Duration.ofMillis(50);

    /** Ends the session without another word: scripted DISCONNECT/HANG, a 421, the peer stopping. */
    private static final class Closed extends Exception {
        private static final long serialVersionUID = 1L;

        Closed() {
            super(null, null, false, false);
        }
    }

    private final Socket socket;
    private final PeerOptions options;
    private final PeerScript script;
    private final PeerRecording recording;
    private final CountDownLatch stopped;
    private final SSLContext tlsContext; // null when STARTTLS is off

    private SmtpWire wire;
    private ConnectionLog log;
    private boolean greeted;
    private boolean tls;
    private String user;
    private EnvelopeCommand mailFrom; // null outside a transaction
    private final List<RecordedRecipient> recipients = new ArrayList<>();
    private int accepted;

    SmtpSession(Socket socket, PeerOptions options, PeerScript script, PeerRecording recording,
                CountDownLatch stopped, SSLContext tlsContext) {
        this.socket = socket;
        this.options = options;
        this.script = script;
        this.recording = recording;
        this.stopped = stopped;
        this.tlsContext = tlsContext;
    }

    /** Never throws: a test double's trouble is logged, not thrown into a James thread or the test. */
    void serve() {
        log = recording.open(ConnectionLog.addressOf(socket));
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.readTimeout().toMillis()));
            wire = new SmtpWire(socket);
            converse();
        } catch (Closed e) {
            // scripted, or the peer is stopping: nothing more to say
        } catch (SocketTimeoutException e) {
            sayQuietly("421 4.4.2 " + options.hostname() + " idle too long, closing");
        } catch (IOException e) {
            if (stopped.getCount() > 0) {
                note(e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            note("bug in the peer: " + e);
        } finally {
            closeQuietly();
            log.closed();
        }
    }

    private void converse() throws IOException, InterruptedException, Closed {
        int greeting = answer(script.next(Phase.GREETING), List.of("220 " + options.hostname() + " ESMTP Postino test peer"));
        // RFC 5321 §3.1: after a refusing (554) greeting the server waits for QUIT, answering 503 to the rest.
        boolean refused = greeting / 100 != 2;
        while (true) {
            SmtpWire.Line line = wire.readLine();
            if (line == null) {
                return;
            }
            if (line.tooLong()) {
                wire.write("500 5.5.2 line too long");
                continue;
            }
            log.command(line.text());
            String[] words = line.text().split(" ", 2);
            String verb = words[0].toUpperCase(Locale.ROOT);
            if (verb.equals("QUIT")) {
                answer(script.next(Phase.QUIT), List.of("221 2.0.0 bye"));
                return;
            }
            if (refused) {
                wire.write("503 5.5.1 no service here, only QUIT");
                continue;
            }
            dispatch(verb, words.length > 1 ? words[1].trim() : "", line.text());
        }
    }

    private void dispatch(String verb, String arguments, String line) throws IOException, InterruptedException, Closed {
        switch (verb) {
            case "EHLO" -> ehlo(arguments);
            case "HELO" -> helo(arguments);
            case "STARTTLS" -> startTls();
            case "AUTH" -> auth(arguments);
            case "MAIL" -> mail(line);
            case "RCPT" -> rcpt(line);
            case "DATA" -> data();
            case "RSET" -> {
                if (positive(answer(script.next(Phase.RSET), List.of("250 2.0.0 OK")))) {
                    endTransaction();
                }
            }
            case "NOOP" -> wire.write("250 2.0.0 OK");
            case "VRFY" -> wire.write("252 2.5.0 cannot VRFY, but will take the message");
            default -> wire.write("500 5.5.2 command not recognised");
        }
    }

    private void ehlo(String domain) throws IOException, InterruptedException, Closed {
        if (domain.isEmpty()) {
            wire.write("501 5.5.4 EHLO needs a domain");
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(options.hostname() + " greets " + domain);
        lines.addAll(options.ehloKeywords(tls));
        List<String> reply = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            reply.add((i < lines.size() - 1 ? "250-" : "250 ") + lines.get(i));
        }
        if (positive(answer(script.next(Phase.EHLO), reply))) {
            greeted = true;
            endTransaction(); // RFC 5321 §4.1.4: EHLO resets the state like RSET
        }
    }

    private void helo(String domain) throws IOException, InterruptedException, Closed {
        if (domain.isEmpty()) {
            wire.write("501 5.5.4 HELO needs a domain");
            return;
        }
        if (positive(answer(script.next(Phase.HELO), List.of("250 " + options.hostname())))) {
            greeted = true;
            endTransaction();
        }
    }

    private void startTls() throws IOException, InterruptedException, Closed {
        if (tlsContext == null) {
            wire.write("502 5.5.1 STARTTLS not offered");
        } else if (tls) {
            wire.write("503 5.5.1 TLS already active");
        } else if (!greeted) {
            wire.write("503 5.5.1 EHLO first");
        } else if (answer(script.next(Phase.STARTTLS), List.of("220 2.0.0 ready to start TLS")) == 220) {
            wire.startTls(tlsContext);
            tls = true;
            log.tlsStarted();
            // RFC 3207 §4.2: forget what the client said before TLS; it must EHLO again.
            greeted = false;
            endTransaction();
        }
    }

    private void auth(String arguments) throws IOException, InterruptedException, Closed {
        if (!greeted) {
            wire.write("503 5.5.1 EHLO first");
            return;
        }
        if (user != null || mailFrom != null) {
            // RFC 4954 §4: once per session, and not inside a transaction.
            wire.write("503 5.5.1 AUTH not allowed now");
            return;
        }
        if (arguments.isEmpty()) {
            wire.write("501 5.5.4 AUTH needs a mechanism");
            return;
        }
        Optional<AuthExchange.Outcome> outcome = new AuthExchange(wire).run(arguments);
        if (outcome.isEmpty()) {
            throw new Closed();
        }
        if (outcome.get() instanceof AuthExchange.Refusal refusal) {
            wire.write(refusal.reply());
            return;
        }
        AuthExchange.Credentials given = (AuthExchange.Credentials) outcome.get();
        boolean valid = options.username() != null
            && options.username().equals(given.username()) && options.password().equals(given.password());
        String fallback = valid ? "235 2.7.0 authentication succeeded" : "535 5.7.8 authentication credentials invalid";
        if (positive(answer(script.next(Phase.AUTH), List.of(fallback)))) {
            user = given.username();
            log.authenticated(user);
        }
    }

    private void mail(String line) throws IOException, InterruptedException, Closed {
        if (!greeted) {
            wire.write("503 5.5.1 EHLO first");
            return;
        }
        if (mailFrom != null) {
            wire.write("503 5.5.1 nested MAIL command");
            return;
        }
        Optional<EnvelopeCommand> parsed = EnvelopeCommand.parse(line, "MAIL FROM:");
        if (parsed.isEmpty()) {
            wire.write("501 5.5.4 syntax: MAIL FROM:<address> [parameters]");
            return;
        }
        String size = parsed.get().parameters().get("SIZE");
        if (size != null && !size.matches("[0-9]{1,18}")) {
            wire.write("501 5.5.4 bad SIZE parameter");
            return;
        }
        // RFC 1870 §6.1: a declared size over the limit is refused at MAIL already.
        if (size != null && Long.parseLong(size) > options.maxMessageSize()) {
            wire.write("552 5.3.4 message size exceeds fixed maximum message size");
            return;
        }
        if (positive(answer(script.next(Phase.MAIL), List.of("250 2.1.0 OK")))) {
            mailFrom = parsed.get();
            recipients.clear();
        }
    }

    private void rcpt(String line) throws IOException, InterruptedException, Closed {
        if (mailFrom == null) {
            wire.write("503 5.5.1 need MAIL before RCPT");
            return;
        }
        Optional<EnvelopeCommand> parsed = EnvelopeCommand.parse(line, "RCPT TO:");
        if (parsed.isEmpty() || parsed.get().address().isEmpty()) {
            wire.write("501 5.5.4 syntax: RCPT TO:<address> [parameters]");
            return;
        }
        String address = parsed.get().address();
        if (positive(answer(script.nextForRecipient(address), List.of("250 2.1.5 OK")))) {
            recipients.add(new RecordedRecipient(address, parsed.get().parameters()));
        }
    }

    private void data() throws IOException, InterruptedException, Closed {
        if (mailFrom == null) {
            wire.write("503 5.5.1 need MAIL before DATA");
            return;
        }
        if (recipients.isEmpty()) {
            wire.write("554 5.5.1 no valid recipients"); // RFC 5321 §3.3
            return;
        }
        if (answer(script.next(Phase.DATA), List.of("354 end data with <CR><LF>.<CR><LF>")) != 354) {
            return;
        }
        try {
            SmtpWire.Data data = wire.readData(options.maxMessageSize());
            if (data == null) {
                throw new Closed(); // the client left in the middle of the message
            }
            if (data.tooBig()) {
                wire.write("552 5.3.4 message size exceeds fixed maximum message size");
            } else if (data.lineTooLong()) {
                wire.write("500 5.5.2 line too long");
            } else {
                String queueId = "P" + log.id() + "M" + (++accepted);
                if (positive(answer(script.next(Phase.END_OF_DATA), List.of("250 2.0.0 OK queued as " + queueId)))) {
                    recording.accepted(new RecordedMessage(log.id(), mailFrom.address(), mailFrom.parameters(),
                        recipients, data.content(), tls, Optional.ofNullable(user)));
                }
            }
        } finally {
            endTransaction();
        }
    }

    /** Sends the scripted step if there is one, else the default; returns the reply code sent. */
    private int answer(Optional<ScriptedStep> scripted, List<String> fallback)
        throws IOException, InterruptedException, Closed {
        if (scripted.isEmpty()) {
            wire.write(fallback);
            return SmtpWire.codeOf(fallback);
        }
        ScriptedStep step = scripted.get();
        if (!step.delay().isZero() && stopped.await(step.delay().toNanos(), TimeUnit.NANOSECONDS)) {
            throw new Closed();
        }
        while (!step.release().await(RELEASE_POLL.toNanos(), TimeUnit.NANOSECONDS)) {
            if (stopped.getCount() == 0) {
                throw new Closed();
            }
        }
        switch (step.action()) {
            case DISCONNECT -> throw new Closed();
            case HANG -> {
                wire.drainUntilClosed();
                throw new Closed();
            }
            default -> wire.write(step.lines());
        }
        int code = SmtpWire.codeOf(step.lines());
        if (code == 421) {
            throw new Closed(); // RFC 5321 §3.8: 421 means the server closes the channel
        }
        return code;
    }

    private void endTransaction() {
        mailFrom = null;
        recipients.clear();
    }

    private static boolean positive(int code) {
        return code >= 200 && code < 300;
    }

    private void sayQuietly(String reply) {
        try {
            wire.write(reply);
        } catch (IOException e) {
            // the client is gone already
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (wire != null) {
            wire.close();
        }
    }

    private void note(String problem) {
        System.err.println("smtp peer " + options.hostname() + " connection " + log.id() + ": " + problem);
    }
}
