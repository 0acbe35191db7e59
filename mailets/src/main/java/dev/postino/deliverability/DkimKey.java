package dev.postino.deliverability;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import dev.postino.core.deliverability.DkimPublicKey;

/** One domain's DKIM signing key: domain, selector, RSA private key, and the public half to publish. */
public final class DkimKey {
    private final String domain;
    private final String selector;
    private final PrivateKey privateKey;
    private final DkimPublicKey publicKey;

    DkimKey(String domain, String selector, PrivateKey privateKey) {
        this.domain = domain;
        this.selector = selector;
        this.privateKey = privateKey;
        this.publicKey = new DkimPublicKey(selector, publicBase64(privateKey));
    }

    private static String publicBase64(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey)) {
            throw new IllegalArgumentException("DKIM keys are RSA keys with their CRT parameters (PKCS#8 as openssl writes them)");
        }
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
        BigInteger modulus = rsa.getModulus();
        try {
            byte[] spki = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(modulus, rsa.getPublicExponent())).getEncoded();
            return Base64.getEncoder().encodeToString(spki);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java", e);
        }
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public DkimPublicKey publicKey() {
        return publicKey;
    }

    public int bits() {
        return ((RSAPrivateCrtKey) privateKey).getModulus().bitLength();
    }
}
