package dev.postino.testing.peer;

/** The points of an SMTP session where the peer answers, and so where a script can step in. */
public enum Phase {
    GREETING,
    EHLO,
    HELO,
    /** The reply to STARTTLS; only a 220 goes on to the handshake. */
    STARTTLS,
    /** The final reply once the client has sent its credentials (after any 334 challenges). */
    AUTH,
    MAIL,
    /** Scripts by recipient ({@link PeerScript#onRcpt}) are consulted before this phase's queue. */
    RCPT,
    /** The reply to DATA itself; only a 354 goes on to read the message. */
    DATA,
    /** The final reply after the terminating dot; only a 2xx records the message. */
    END_OF_DATA,
    RSET,
    QUIT
}
