package dev.postino.server.durable;

import javax.inject.Provider;

import org.apache.james.mailetcontainer.impl.JamesMailSpooler;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;

/**
 * The error repository of James's spooler ({@code <spooler><errorRepository>} in
 * {@code mailetcontainer.xml}, James's default when absent), where the spooler itself keeps a mail
 * whose processing failed too often: {@link ReceiveLoops} keeps there the mail whose dequeue was
 * rolled back too often, so the admin finds both in one place. Looked up at each use, after James
 * has configured its repositories.
 */
final class SpoolErrorRepository implements ReceiveLoops.ErrorRepository {
    private final MailRepositoryStore repositories;
    private final Provider<JamesMailSpooler.Configuration> spooler;

    SpoolErrorRepository(MailRepositoryStore repositories, Provider<JamesMailSpooler.Configuration> spooler) {
        this.repositories = repositories;
        this.spooler = spooler;
    }

    @Override
    public String url() {
        return spooler.get().getErrorRepositoryURL().asString();
    }

    @Override
    public void store(Mail mail) throws Exception {
        repositories.select(spooler.get().getErrorRepositoryURL()).store(mail);
    }
}
