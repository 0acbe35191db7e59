package dev.postino.testing.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A bare socket client for peer tests that must see exact replies, pipelining and hang-ups. */
final class RawSmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    RawSmtpClient(InetSocketAddress address, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.connect(address, 2000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    RawSmtpClient(ScriptedSmtpPeer peer) throws IOException {
        this(peer.address(), Duration.ofSeconds(5));
    }

    /** Sends the lines in one write, each ended with CRLF. */
    void send(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One whole reply, its lines joined by "\n"; null when the server closed the connection. */
    String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return lines.isEmpty() ? null : String.join("\n", lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return String.join("\n", lines);
            }
        }
    }

    String command(String line) throws IOException {
        send(line);
        return reply();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
