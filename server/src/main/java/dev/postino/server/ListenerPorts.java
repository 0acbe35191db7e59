package dev.postino.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before James starts, that every listener of an installed conf/ can bind its port.
 * James reports a taken or privileged port as a bare {@code java.net.BindException: Address
 * already in use} (or {@code Permission denied}) under a stack trace, naming neither port nor file;
 * this names both, and what to do.
 */
public final class ListenerPorts {
    private static final List<String> SERVER_FILES = List.of("smtpserver.xml", "lmtpserver.xml", "imapserver.xml",
        "pop3server.xml", "managesieveserver.xml");
    /** A server element, its enabled attribute and its body; disabled servers bind nothing. */
    private static final Pattern SERVER = Pattern.compile(
        "<(smtpserver|lmtpserver|imapserver|pop3server|managesieveserver)\\b([^>]*)>(.*?)</\\1>", Pattern.DOTALL);
    private static final Pattern DISABLED = Pattern.compile("enabled\\s*=\\s*\"false\"");
    private static final Pattern BIND = Pattern.compile("<bind>([^<]*)</bind>");
    private static final Pattern WEBADMIN_HOST = Pattern.compile("(?m)^host\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern WEBADMIN_DISABLED = Pattern.compile("(?m)^enabled\\s*=\\s*false\\s*$");
    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private ListenerPorts() {
    }

    /** Fails naming the file and port of the first listener whose address cannot be bound. */
    public static void checkFree(Path home) {
        Path conf = home.resolve("conf");
        for (String file : SERVER_FILES) {
            Path path = conf.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            Matcher server = SERVER.matcher(XML_COMMENT.matcher(read(path)).replaceAll(""));
            while (server.find()) {
                if (DISABLED.matcher(server.group(2)).find()) {
                    continue;
                }
                Matcher bind = BIND.matcher(server.group(3));
                while (bind.find()) {
                    for (String address : bind.group(1).split(",")) {
                        checkBindable(parse(address.trim(), file), address.trim(), "conf/" + file + " <bind>");
                    }
                }
            }
        }
        Path webadmin = conf.resolve("webadmin.properties");
        if (Files.isRegularFile(webadmin) && !WEBADMIN_DISABLED.matcher(read(webadmin)).find()) {
            Matcher host = WEBADMIN_HOST.matcher(read(webadmin));
            String address = (host.find() ? host.group(1) : "0.0.0.0") + ":" + HomeInstaller.webadminPort(home);
            checkBindable(parse(address, "webadmin.properties"), address, "conf/webadmin.properties port");
        }
    }

    /** {@code host:port} as James reads it; a value James would choke on is named with its file. */
    private static InetSocketAddress parse(String hostAndPort, String file) {
        int colon = hostAndPort.lastIndexOf(':');
        String bad = "bad <bind> '" + hostAndPort + "' in conf/" + file + ": ";
        if (colon <= 0) {
            throw new IllegalArgumentException(bad + "host:port expected");
        }
        int port;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bad + "the port must be a number", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(bad + "port out of range (0-65535)");
        }
        return new InetSocketAddress(hostAndPort.substring(0, colon), port);
    }

    private static void checkBindable(InetSocketAddress address, String hostAndPort, String where) {
        try (ServerSocket socket = new ServerSocket()) {
            // James's listeners set SO_REUSEADDR too: a port in TIME_WAIT after a restart is fine.
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            String hint = address.getPort() < 1024
                ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE: try --ports dev)"
                : " (is another server using it? stop it, or change the port)";
            throw new IllegalStateException("cannot listen on " + hostAndPort + " (" + where + "): "
                + e.getMessage() + hint, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
