package dev.postino.it.hardening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An MX that takes one connection as far as the first line of the message and then resets it
 * (TCP RST, so-linger 0): the "connection lost in the middle of DATA" the scripted peer cannot
 * play, as its scripts act on whole commands. Then it stops listening and completes
 * {@link #reset()}, so a test can put an ordinary peer on the same address.
 */
final class MidDataResetPeer implements AutoCloseable {
    private final ServerSocket listener;
    private final CompletableFuture<Void> reset = new CompletableFuture<>();

    MidDataResetPeer(String ip, int port) {
        try {
            listener = new ServerSocket(port, 5, InetAddress.getByName(ip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::serveOne, "mid-data-reset-peer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Void> reset() {
        return reset;
    }

    private void serveOne() {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            say(out, "220 reset.test ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
                if (verb.equals("EHLO")) {
                    say(out, "250-reset.test\r\n250 8BITMIME");
                } else if (verb.equals("DATA")) {
                    say(out, "354 go ahead");
                    in.readLine(); // the first line of the message, then pull the plug
                    socket.setSoLinger(true, 0);
                    break;
                } else {
                    say(out, "250 2.0.0 OK");
                }
            }
        } catch (IOException e) {
            reset.completeExceptionally(e);
            return;
        } finally {
            close();
        }
        reset.complete(null);
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
