package dev.postino.bench.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP load generator for {@code bench/relay-throughput} when Postfix's {@code smtp-source}
 * is not installed, with the options it uses: {@code -s} sessions at once, {@code -m} messages,
 * {@code -l} message size in bytes, {@code -f}/{@code -t} envelope, {@code -d} to keep each
 * connection for the next message. Every message has its own {@code Message-Id}. Exits when every message has been answered; a refused
 * message is reported on standard error and makes the exit status 1.
 *
 * <pre>java dev.postino.bench.relay.LoadSource [-d] -s 20 -m 2000 -l 5120 -f FROM -t TO HOST:PORT</pre>
 */
public final class LoadSource {
    private final String host;
    private final int port;
    private final String from;
    private final String to;
    private final byte[] body;
    private final boolean reuse;
    private final AtomicInteger tickets;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final String run = ProcessHandle.current().pid() + "." + System.currentTimeMillis();

    private LoadSource(String host, int port, String from, String to, int size, boolean reuse, int messages) {
        this.host = host;
        this.port = port;
        this.from = from;
        this.to = to;
        this.body = body(from, to, size);
        this.reuse = reuse;
        this.tickets = new AtomicInteger(messages);
    }

    public static void main(String[] args) throws InterruptedException {
        int sessions = 1;
        int messages = 1;
        int size = 5120;
        String from = "bench@bench.test";
        String to = "rcpt@sink.test";
        boolean reuse = false;
        String target = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-d": reuse = true; break;
                case "-s": sessions = Integer.parseInt(args[++i]); break;
                case "-m": messages = Integer.parseInt(args[++i]); break;
                case "-l": size = Integer.parseInt(args[++i]); break;
                case "-f": from = args[++i]; break;
                case "-t": to = args[++i]; break;
                default: target = args[i];
            }
        }
        if (target == null || !target.contains(":")) {
            System.err.println("usage: LoadSource [-d] -s SESSIONS -m MESSAGES -l BYTES -f FROM -t TO HOST:PORT");
            System.exit(2);
        }
        int colon = target.lastIndexOf(':');
        LoadSource source = new LoadSource(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)),
            from, to, size, reuse, messages);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Thread thread = new Thread(source::run, "source-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.exit(source.refused.get() == 0 ? 0 : 1);
    }

    /** Each ticket is one message; a failed one is counted and not retried, so this always ends. */
    private void run() {
        while (tickets.getAndDecrement() > 0) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 30_000);
                socket.setSoTimeout(300_000);
                SmtpLines replies = new SmtpLines(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                expect(replies, '2', "greeting");
                command(out, replies, "EHLO bench.test", '2');
                send(out, replies);
                while (reuse && tickets.getAndDecrement() > 0) {
                    send(out, replies);
                }
                command(out, replies, "QUIT", '2');
            } catch (IOException e) {
                refused.incrementAndGet();
                System.err.println("LoadSource: " + e.getMessage());
            }
        }
    }

    private void send(OutputStream out, SmtpLines replies) throws IOException {
        command(out, replies, "MAIL FROM:<" + from + ">", '2');
        command(out, replies, "RCPT TO:<" + to + ">", '2');
        command(out, replies, "DATA", '3');
        // A Message-Id per message (smtp-source writes one too), so a sink can spot duplicates.
        out.write(("Message-Id: <" + sent.incrementAndGet() + "." + run + "@bench.test>\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        expect(replies, '2', "end of data");
    }

    private static void command(OutputStream out, SmtpLines replies, String command, char wanted) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(replies, wanted, command);
    }

    /** Reads one (possibly multi-line) reply; anything but the wanted class is an error. */
    private static void expect(SmtpLines replies, char wanted, String after) throws IOException {
        String line;
        do {
            line = replies.next();
            if (line == null) {
                throw new IOException("connection closed after " + after);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (line.isEmpty() || line.charAt(0) != wanted) {
            throw new IOException("after " + after + ": " + line);
        }
    }

    /** Headers, then lines of 78 characters up to about {@code size} bytes, then the final dot. */
    private static byte[] body(String from, String to, int size) {
        StringBuilder text = new StringBuilder()
            .append("From: <").append(from).append(">\r\n")
            .append("To: <").append(to).append(">\r\n")
            .append("Subject: relay throughput\r\n")
            .append("\r\n");
        String line = "x".repeat(78) + "\r\n";
        while (text.length() + line.length() <= size) {
            text.append(line);
        }
        return text.append(".\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
