package dev.postino.server.durable;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.jpa.JPADomainList;

/**
 * James's JPA domain list with an exact {@link LookupCache} for "is this domain ours?": asked
 * about five times per relayed mail (RCPT, {@code RecipientIsLocal}, {@code HostIsLocal}, the
 * mailet context, {@code RouteByMx}), each a query with a new entity manager. Adding or removing
 * a domain through this server (webadmin, {@code --user}) is seen by the next lookup. James's own
 * {@code read.cache.enable} is not used: it is not cleared by a write.
 */
final class CachedJpaDomainList extends JPADomainList {
    private final LookupCache<Domain, Boolean> contains = new LookupCache<>();

    @Inject
    CachedJpaDomainList(DNSService dns, EntityManagerFactory entityManagerFactory) {
        super(dns, entityManagerFactory);
    }

    @Override
    protected boolean containsDomainInternal(Domain domain) throws DomainListException {
        return contains.get(domain, super::containsDomainInternal);
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        contains.write(() -> super.addDomain(domain));
    }

    @Override
    public void doRemoveDomain(Domain domain) throws DomainListException {
        contains.write(() -> super.doRemoveDomain(domain));
    }
}
