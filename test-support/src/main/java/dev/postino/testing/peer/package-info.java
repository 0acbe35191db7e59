/**
 * A scriptable SMTP server that integration tests run inside the JVM as the remote MX or smarthost
 * James delivers to.
 *
 * <p>The package owns the wire (greeting to QUIT, STARTTLS, AUTH PLAIN/LOGIN, DATA with
 * dot-unstuffing), per-command scripts ({@link dev.postino.testing.peer.PeerScript}) and the recording
 * tests assert on ({@link dev.postino.testing.peer.RecordedMessage},
 * {@link dev.postino.testing.peer.RecordedConnection}). It must not depend on James or on Postino code:
 * it plays the other side of the wire, built on the JDK alone, so a bug in our SMTP handling
 * cannot hide itself in the test double.
 */
package dev.postino.testing.peer;
