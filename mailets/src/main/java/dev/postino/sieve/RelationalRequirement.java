package dev.postino.sieve;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.SyntaxException;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.tests.ExecutableTest;

/**
 * Answers {@code require "relational"} (RFC 5231): jsieve accepts a required feature only when it
 * names a comparator, a command or a test, so the extension is registered as a test name. Only
 * {@code spamtest} understands {@code :value} and {@code :count}; used as a test it fails clearly.
 */
final class RelationalRequirement implements ExecutableTest {
    static final String NAME = "relational";

    @Override
    public boolean execute(MailAdapter mail, Arguments arguments, SieveContext context) throws SyntaxException {
        throw new SyntaxException("\"relational\" is an extension to require, not a test; "
            + "use :value or :count with spamtest");
    }
}
