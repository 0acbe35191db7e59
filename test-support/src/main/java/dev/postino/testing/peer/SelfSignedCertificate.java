package dev.postino.testing.peer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The peer's TLS identity: one P-256 key and self-signed certificate per JVM (CN=peer.test, SAN
 * localhost, peer.test, 127.0.0.1, ::1), also written to a temporary PKCS12 file. The JDK has no
 * public API to issue a certificate, so we write its DER ourselves ({@link Der}); running
 * {@code keytool} instead costs a JVM start, seconds on a busy build machine.
 * Tests that want real verification can trust {@link #keyStoreFile()} or use {@link #clientContext()}.
 */
public final class SelfSignedCertificate {

    private static final String ALIAS = "peer";
    private static final String PASSWORD = "postino-peer";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final byte[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static SelfSignedCertificate instance; // guarded by the class

    private final Path keyStoreFile;
    private final KeyStore keyStore;

    private SelfSignedCertificate(Path keyStoreFile, KeyStore keyStore) {
        this.keyStoreFile = keyStoreFile;
        this.keyStore = keyStore;
    }

    /** Made on first use, then shared by every peer in the JVM. */
    public static synchronized SelfSignedCertificate get() {
        if (instance == null) {
            try {
                instance = generate();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the peer's self-signed certificate: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    public Path keyStoreFile() {
        return keyStoreFile;
    }

    public String password() {
        return PASSWORD;
    }

    public String keyStoreType() {
        return "PKCS12";
    }

    public X509Certificate certificate() {
        try {
            return (X509Certificate) keyStore.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server context presenting this certificate (for a hand-made peer in a test). */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the peer's TLS context", e);
        }
    }

    /** A client context that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client TLS context for the peer", e);
        }
    }

    private static SelfSignedCertificate generate() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = sign(pair);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, pair.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate});
        Path file = Files.createTempFile("postino-peer-", ".p12");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, PASSWORD.toCharArray());
        }
        return new SelfSignedCertificate(file, keyStore);
    }

    /** RFC 5280 §4.1: a v3 certificate, issuer = subject, signed with its own key. */
    private static X509Certificate sign(KeyPair pair) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256)); // RFC 5758 §3.2: no parameters
        byte[] name = Der.sequence(Der.tlv(Der.SET, Der.sequence(Der.oid(COMMON_NAME), Der.utf8("peer.test"))));
        Instant now = Instant.now();
        byte[] validity = Der.sequence(
            Der.text(Der.UTC_TIME, UTC_TIME.format(now.minus(Duration.ofDays(1)))),
            Der.text(Der.UTC_TIME, UTC_TIME.format(now.plus(Duration.ofDays(3650)))));
        // RFC 5280 §4.2.1.6: dNSName is [2], iPAddress is [7], both implicit.
        byte[] names = Der.sequence(
            Der.text(0x82, "localhost"),
            Der.text(0x82, "peer.test"),
            Der.tlv(0x87, new byte[] {127, 0, 0, 1}),
            Der.tlv(0x87, IPV6_LOOPBACK));
        byte[] extensions = Der.tlv(0xa3, Der.sequence(
            Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.tlv(Der.OCTET_STRING, names))));
        byte[] tbs = Der.sequence(
            Der.tlv(0xa0, Der.integer(BigInteger.TWO)),
            Der.integer(new BigInteger(63, new SecureRandom())),
            algorithm, name, validity, name,
            pair.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
            extensions);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bits(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate));
    }
}
