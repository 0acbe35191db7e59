package dev.postino.it.harness;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** TLS over a raw socket to the test's own server, whose certificate is self-signed: trusted as it is. */
public final class TrustAllTls {
    private TrustAllTls() {
    }

    /** Starts TLS on a connected socket (implicit TLS, or after STARTTLS) and finishes the handshake. */
    public static SSLSocket handshake(Socket socket, int port, boolean autoClose) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", port, autoClose);
            tls.startHandshake();
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a client certificate check
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the test's own server, self-signed
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
