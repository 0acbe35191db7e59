package dev.postino.spam;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.dnsservice.api.DNSService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.dnsbl.DnsAnswers;
import dev.postino.core.spam.dnsbl.DnsblChecks;

/**
 * Looks up the blocklist names {@link DnsblChecks} asks for through James's {@link DNSService}
 * (so a test server's scripted DNS answers them), all of one message in parallel and together
 * bounded by a timeout. One per server: a Guice singleton shared by the mailet and the SMTP hook.
 *
 * <p>James's {@code DNSService.getAllByName} throws {@link UnknownHostException} both for
 * NXDOMAIN and when its resolver gave up (SERVFAIL, its own timeouts): both read as "not listed",
 * as in James's own {@code DNSRBLHandler}. Only a lookup still running at our timeout, or failing
 * in another way, counts as a failed lookup; then {@link FailMode} decides: {@code OPEN} scores
 * without it (logged and counted), {@code CLOSED} fails the whole check.
 */
@Singleton
public class DnsblResolver {
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsblResolver.class);
    /** Lookups in flight at once, server-wide; more wait their turn within their timeout. */
    static final int THREADS = 16;

    private final DNSService dns;
    private final ThreadPoolExecutor executor;
    private final AtomicLong failures = new AtomicLong();

    @Inject
    public DnsblResolver(DNSService dns) {
        this.dns = dns;
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            runnable -> {
                Thread thread = new Thread(runnable, "postino-dnsbl");
                thread.setDaemon(true);
                return thread;
            });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Raised with {@link FailMode#CLOSED} when a lookup failed or ran past the timeout. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * The input with the blocklists' answers for it. With {@code OPEN}, names whose lookup failed
     * are left out (not listed); with {@code CLOSED} they make the check fail.
     */
    public SpamInput withListings(SpamInput input, DnsblChecks checks, Duration timeout, FailMode failMode)
        throws Unavailable {
        Set<String> names = checks.queries(input);
        if (names.isEmpty()) {
            return input;
        }
        Map<String, List<String>> replies = new LinkedHashMap<>();
        List<String> failed = lookUp(names, timeout, replies);
        if (!failed.isEmpty()) {
            long count = failures.addAndGet(failed.size());
            if (failMode == FailMode.CLOSED) {
                throw new Unavailable("blocklist lookups failed or timed out after " + timeout.toMillis() + " ms: " + failed);
            }
            LOGGER.warn("blocklist lookups failed or timed out after {} ms (failures={}) failMode=open, scored without them: {}",
                timeout.toMillis(), count, failed);
        }
        return input.withDnsAnswers(DnsAnswers.of(replies));
    }

    /** Fills {@code replies} with the IPv4 answers of listed names; returns the names whose lookup failed. */
    List<String> lookUp(Collection<String> names, Duration timeout, Map<String, List<String>> replies) {
        Map<String, Future<Collection<InetAddress>>> pending = new LinkedHashMap<>();
        for (String name : names) {
            pending.put(name, executor.submit(() -> dns.getAllByName(name)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Future<Collection<InetAddress>>> lookup : pending.entrySet()) {
            try {
                Collection<InetAddress> addresses = lookup.getValue().get(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
                List<String> quads = new ArrayList<>();
                for (InetAddress address : addresses) {
                    if (address instanceof Inet4Address) {
                        quads.add(address.getHostAddress());
                    }
                }
                replies.put(lookup.getKey(), quads);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownHostException)) {
                    failed.add(lookup.getKey() + " (" + e.getCause() + ")");
                }
            } catch (TimeoutException e) {
                lookup.getValue().cancel(true);
                failed.add(lookup.getKey() + " (timeout)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.values().forEach(f -> f.cancel(true));
                failed.add(lookup.getKey() + " (interrupted)");
                break;
            }
        }
        return failed;
    }

    /** Lookups that failed or timed out since start, for the logs and tests. */
    public long failures() {
        return failures.get();
    }
}
