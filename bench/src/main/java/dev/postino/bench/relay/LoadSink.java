package dev.postino.bench.relay;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP sink for {@code bench/relay-throughput} when Postfix's {@code smtp-sink} is not
 * installed: accepts every command, discards every message, and after each one prints
 * {@code "sess=S quit=Q mesg=N\r"} to standard output like {@code smtp-sink -c}. With
 * {@code -i FILE} it also appends each message's {@code Message-Id} (or {@code none}) to FILE,
 * one a line, so {@code bench/queue-scale} can count duplicates and missing mail.
 *
 * <pre>java dev.postino.bench.relay.LoadSink [-i FILE] 127.0.0.1:PORT</pre>
 */
public final class LoadSink {
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong quits = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    private final PrintStream ids;

    private LoadSink(PrintStream ids) {
        this.ids = ids;
    }

    public static void main(String[] args) throws IOException {
        boolean withIds = args.length == 3 && args[0].equals("-i");
        String target = args[args.length - 1];
        if (!(args.length == 1 || withIds) || !target.contains(":")) {
            System.err.println("usage: LoadSink [-i FILE] HOST:PORT");
            System.exit(2);
        }
        PrintStream ids = withIds
            ? new PrintStream(new FileOutputStream(args[1], true), false, StandardCharsets.US_ASCII) : null;
        int colon = target.lastIndexOf(':');
        new LoadSink(ids).serve(InetAddress.getByName(target.substring(0, colon)),
            Integer.parseInt(target.substring(colon + 1)));
    }

    private void serve(InetAddress host, int port) throws IOException {
        ExecutorService sessionThreads = Executors.newCachedThreadPool();
        try (ServerSocket server = new ServerSocket(port, 1024, host)) {
            while (true) {
                Socket socket = server.accept();
                sessionThreads.execute(() -> session(socket));
            }
        }
    }

    private void session(Socket socket) {
        sessions.incrementAndGet();
        try (socket; InputStream in = socket.getInputStream(); OutputStream reply = socket.getOutputStream()) {
            SmtpLines lines = new SmtpLines(in);
            reply.write("220 sink.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = lines.next()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO":
                        reply.write("250-sink.test\r\n250 8BITMIME\r\n".getBytes(StandardCharsets.US_ASCII));
                        break;
                    case "DATA":
                        reply.write("354 go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                        String id = "none";
                        boolean inHeader = true;
                        while ((line = lines.next()) != null && !line.equals(".")) {
                            if (inHeader && line.regionMatches(true, 0, "Message-Id:", 0, 11)) {
                                id = line.substring(11).trim();
                            }
                            inHeader &= !line.isEmpty();
                        }
                        count(id);
                        reply.write("250 2.0.0 Ok: queued\r\n".getBytes(StandardCharsets.US_ASCII));
                        break;
                    case "QUIT":
                        quits.incrementAndGet();
                        reply.write("221 2.0.0 Bye\r\n".getBytes(StandardCharsets.US_ASCII));
                        return;
                    default:
                        reply.write("250 2.0.0 Ok\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to count
        }
    }

    private synchronized void count(String id) {
        if (ids != null) {
            ids.println(id);
            ids.flush();
        }
        out.print("sess=" + sessions.get() + " quit=" + quits.get() + " mesg=" + messages.incrementAndGet() + "\r");
        out.flush();
    }
}
