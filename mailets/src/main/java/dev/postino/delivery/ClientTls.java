package dev.postino.delivery;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client side of STARTTLS (RFC 3207): wraps a connected socket and runs the handshake, either
 * checking the server's certificate against the JVM's trust store and the MX host name, or, as
 * MTAs do for opportunistic TLS (RFC 7435 §1.3), accepting any certificate: encryption against
 * passive listeners without pretending to know who is on the other end.
 */
final class ClientTls {
    private ClientTls() {
    }

    /**
     * Runs the handshake on {@code plain}, the TLS socket closing it when closed. The timeout
     * bounds the whole handshake: the socket's read timeout alone restarts with every byte, so a
     * server sending its handshake a byte at a time could hold the thread for days; the
     * {@code watchdog} closes the connection when the time is up.
     */
    static SSLSocket handshake(Socket plain, String host, boolean verify, Duration timeout,
                               ScheduledExecutorService watchdog) throws IOException {
        SSLContext context = verify ? verifyingContext() : UnverifiedContext.INSTANCE;
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        tls.setUseClientMode(true);
        SSLParameters parameters = tls.getSSLParameters();
        if (verify) {
            // RFC 6125 identity check against the MX name, the same rules HTTPS uses.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        sniName(host).ifPresent(name -> parameters.setServerNames(List.of(name)));
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(SmtpWire.millis(timeout));
        SocketAlarm alarm = SocketAlarm.arm(plain, timeout, watchdog);
        String timedOut = "TLS handshake timed out after " + timeout;
        try {
            tls.startHandshake();
        } catch (IOException e) {
            throw alarm.disarm() ? SocketAlarm.timedOut(timedOut, e) : e;
        } finally {
            alarm.disarm();
        }
        if (alarm.disarm()) {
            throw SocketAlarm.timedOut(timedOut, null); // done just as the alarm closed the connection
        }
        return tls;
    }

    private static Optional<SNIHostName> sniName(String host) {
        if (host.indexOf('.') < 0 || host.indexOf(':') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SSLContext verifyingContext() throws SSLException {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new SSLException("no default TLS context: " + e.getMessage(), e);
        }
    }

    /** Built once, on first use: a TLS context whose trust manager accepts every server certificate. */
    private static final class UnverifiedContext {
        static final SSLContext INSTANCE = create();

        private static SSLContext create() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new AcceptAnyServer()}, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JVM offers no TLS", e);
            }
        }
    }

    /** Trusts any server; never used for client certificates. */
    private static final class AcceptAnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a delivery client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
