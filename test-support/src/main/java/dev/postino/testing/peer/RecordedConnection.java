package dev.postino.testing.peer;

import java.util.List;
import java.util.Optional;

/**
 * One connection as the peer saw it, at the time of the snapshot.
 *
 * @param id              1, 2, … in order of arrival, across restarts
 * @param remoteAddress   the client's address and port
 * @param tls             whether STARTTLS completed
 * @param authenticatedAs the AUTH user, once AUTH succeeded
 * @param commands        command lines in order as received (AUTH continuation lines and message
 *                        content are left out)
 * @param open            whether the connection was still open
 */
public record RecordedConnection(
    int id,
    String remoteAddress,
    boolean tls,
    Optional<String> authenticatedAs,
    List<String> commands,
    boolean open) {

    public RecordedConnection {
        commands = List.copyOf(commands);
    }

    public boolean authenticated() {
        return authenticatedAs.isPresent();
    }

    /** The command verbs in order, upper-case ({@code EHLO, MAIL, RCPT, …}), for compact assertions. */
    public List<String> verbs() {
        return commands.stream()
            .map(c -> c.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT))
            .toList();
    }
}
