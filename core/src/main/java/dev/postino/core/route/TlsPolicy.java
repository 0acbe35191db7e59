package dev.postino.core.route;

/** What a relay route demands of STARTTLS (RFC 3207) on the hop to its next host. */
public enum TlsPolicy {
    /** Use STARTTLS when the server offers it, deliver in clear when it does not. */
    OPPORTUNISTIC,
    /** Deliver only over TLS; a server that does not offer STARTTLS is a temporary failure. */
    REQUIRED,
    /** Never issue STARTTLS, e.g. for a relay on loopback that offers a broken one. */
    NONE
}
