package dev.postino.deliverability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.AtomicFile;
import dev.postino.core.deliverability.DkimPublicKey;
import dev.postino.core.deliverability.DomainNames;

/**
 * DKIM signing keys, one per domain, as files in James's working directory:
 * {@code var/postino/dkim/DOMAIN.pem} (the RSA private key, PKCS#8 PEM, mode 0600) and
 * {@code var/postino/dkim/DOMAIN.selector} (one line). The files are this node's: several James
 * nodes sending for one domain each need the same files copied (or each its own key and selector,
 * all published). A key is read once and kept in memory; a key put there by hand (e.g. made with
 * {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048}) is picked up on first use.
 */
@Singleton
public final class DkimKeyStore {
    public static final String DIRECTORY = "var/postino/dkim";
    public static final int RSA_BITS = 2048;
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimKeyStore.class);

    private final Path directory;
    private final Clock clock;
    private final Map<String, DkimKey> keys = new ConcurrentHashMap<>();

    @Inject
    public DkimKeyStore(HostIdentity host) {
        this(host.workingDirectory().resolve(DIRECTORY), Clock.systemUTC());
    }

    public DkimKeyStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** Thrown when a domain already has a key: replacing it would break every published record. */
    public static final class KeyExists extends Exception {
        private static final long serialVersionUID = 1L;

        KeyExists(String domain) {
            super("domain " + domain + " already has a DKIM key");
        }
    }

    /** The domain's key, if it has one; a damaged key file is an error naming the file. */
    public Optional<DkimKey> key(String domain) {
        DkimKey cached = domain == null ? null : keys.get(domain); // holds only names checked below
        if (cached != null) {
            return Optional.of(cached);
        }
        if (DomainNames.normalized(domain).filter(domain::equals).isEmpty()) {
            return Optional.empty(); // never a path: only plain lower-case domain names name files
        }
        Path pem = pemFile(domain);
        if (!Files.exists(pem)) {
            return Optional.empty();
        }
        DkimKey key = read(domain, pem, directory.resolve(domain + ".selector"));
        keys.putIfAbsent(domain, key);
        return Optional.of(keys.get(domain));
    }

    /** Makes a new RSA 2048 key and selector for the domain. */
    public synchronized DkimKey create(String domain) throws KeyExists {
        if (DomainNames.normalized(domain).filter(domain::equals).isEmpty()) {
            throw new IllegalArgumentException("not a lower-case domain name: '" + domain + "'");
        }
        if (key(domain).isPresent()) {
            throw new KeyExists(domain);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            PrivateKey privateKey = generator.generateKeyPair().getPrivate();
            String selector = DkimPublicKey.selectorFor(YearMonth.now(clock));
            Files.createDirectories(directory);
            writePrivately(directory.resolve(domain + ".selector"), selector + "\n");
            writePrivately(pemFile(domain), pem(privateKey.getEncoded()));
            DkimKey key = new DkimKey(domain, selector, privateKey);
            keys.put(domain, key);
            LOGGER.info("DKIM key created: domain={} selector={} bits={} file={}", domain, selector, RSA_BITS, pemFile(domain));
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is part of every Java", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the DKIM key of " + domain + " under " + directory, e);
        }
    }

    private Path pemFile(String domain) {
        return directory.resolve(domain + ".pem");
    }

    private static DkimKey read(String domain, Path pem, Path selectorFile) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalStateException(pem + ": not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!Files.exists(selectorFile)) {
                throw new IllegalStateException(pem + " has no selector file " + selectorFile);
            }
            String selector = Files.readString(selectorFile, StandardCharsets.US_ASCII).trim();
            return new DkimKey(domain, selector, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DKIM key " + pem, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(pem + ": not a usable RSA private key: " + e.getMessage(), e);
        }
    }

    private static String pem(byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** Written to a temporary file made 0600 before any byte is in it, synced, then moved into place. */
    private static void writePrivately(Path file, String content) throws IOException {
        AtomicFile.write(file, out -> out.write(content), true); // synced: never an empty .pem after a crash
    }
}
