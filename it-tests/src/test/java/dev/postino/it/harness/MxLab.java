package dev.postino.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsServer;
import dev.postino.testing.dns.ScriptedDnsService;
import dev.postino.testing.peer.PeerOptions;
import dev.postino.testing.peer.ScriptedSmtpPeer;

/**
 * A small Internet on loopback for delivery tests: one scripted DNS server (real DNS over
 * UDP/TCP, also bound as James's DNSService) and mail exchangers on 127.0.0.N, all on one "MX
 * port" — the port Postino's {@code mx.port} points at, as port 25 would be on the Internet.
 *
 * <pre>{@code
 * MxLab lab = MxLab.start();
 * lab.zone().mx("b.test", 10, "mx1.b.test").a("mx1.b.test", "127.0.0.2");
 * ScriptedSmtpPeer mx1 = lab.peer("127.0.0.2");
 * PostinoJames a = lab.postino("a").build().start();
 * }</pre>
 */
public final class MxLab implements AutoCloseable {
    private final DnsZone zone = new DnsZone();
    private final ScriptedDnsServer dns;
    private final int mxPort;
    private final List<ScriptedSmtpPeer> peers = new ArrayList<>();

    private MxLab(int mxPort) {
        this.mxPort = mxPort;
        try {
            this.dns = new ScriptedDnsServer(zone).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Picks an MX port free on 127.0.0.1 to 127.0.0.20. */
    public static MxLab start() {
        for (int tries = 0; tries < 20; tries++) {
            int candidate = FreePorts.take(1).get(0);
            if (freeOnLoopbackRange(candidate)) {
                return new MxLab(candidate);
            }
        }
        throw new IllegalStateException("no port free on all of 127.0.0.1-20");
    }

    private static boolean freeOnLoopbackRange(int port) {
        for (int last = 1; last <= 20; last++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0." + last))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    public DnsZone zone() {
        return zone;
    }

    public int mxPort() {
        return mxPort;
    }

    public int dnsPort() {
        return dns.port();
    }

    /** A started, accept-everything peer on {@code ip}:mxPort. */
    public ScriptedSmtpPeer peer(String ip) {
        return peer(ip, builder -> builder);
    }

    public ScriptedSmtpPeer peer(String ip, UnaryOperator<PeerOptions.Builder> options) {
        ScriptedSmtpPeer peer = new ScriptedSmtpPeer(options.apply(PeerOptions.builder().bind(ip).port(mxPort)).build());
        peers.add(peer);
        return peer.start();
    }

    /** A Postino server whose DNS is this lab's and whose MX port is the lab's. */
    public PostinoJames.Builder postino(String name) {
        return postino(name, "");
    }

    /** As {@link #postino(String)}, with extra lines for postino.properties. */
    public PostinoJames.Builder postino(String name, String extraProperties) {
        return PostinoJames.builder()
            .name(name)
            .dns(new ScriptedDnsService(zone, name + ".postino.test"))
            .confFile("postino.properties",
                "helo.name=" + name + ".postino.test\n"
                    + "dns.servers=127.0.0.1:" + dns.port() + "\n"
                    + "dns.timeout=2s\n"
                    + "mx.port=" + mxPort + "\n"
                    + extraProperties);
    }

    /**
     * A conf edit that replaces RouteByMx's parameters in mailetcontainer.xml, e.g.
     * {@code "<retrySchedule>1s</retrySchedule>"}.
     */
    public static UnaryOperator<String> routeByMx(String parametersXml) {
        return xml -> xml.replaceFirst(
            "(?s)(<mailet match=\"All\" class=\"dev.postino.mailets.RouteByMx\">).*?(</mailet>)",
            "$1" + java.util.regex.Matcher.quoteReplacement(parametersXml) + "$2");
    }

    @Override
    public void close() {
        peers.forEach(ScriptedSmtpPeer::close);
        dns.close();
    }
}
