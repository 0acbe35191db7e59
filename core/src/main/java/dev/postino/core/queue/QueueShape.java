package dev.postino.core.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.RecipientRecord;

/**
 * Groups queued mail by recipient domain, like Postfix's {@code qshape} and {@code postqueue -p}
 * in one view: a mail with recipients in two domains counts in both.
 */
public final class QueueShape {
    private QueueShape() {
    }

    /** One summary per domain with pending recipients, busiest first, then by name. */
    public static List<DomainSummary> byDomain(Collection<QueuedMail> mails) {
        Map<String, List<QueuedMail>> byDomain = new TreeMap<>();
        for (QueuedMail mail : mails) {
            for (String domain : mail.pendingDomains()) {
                byDomain.computeIfAbsent(domain, any -> new ArrayList<>()).add(mail);
            }
        }
        List<DomainSummary> summaries = new ArrayList<>();
        byDomain.forEach((domain, queued) -> summaries.add(summarize(domain, queued)));
        summaries.sort(Comparator.comparingInt(DomainSummary::mails).reversed());
        return summaries;
    }

    private static DomainSummary summarize(String domain, List<QueuedMail> mails) {
        int recipients = 0;
        Instant oldest = null;
        Optional<Instant> next = Optional.empty();
        List<RecipientRecord> pending = new ArrayList<>();
        for (QueuedMail mail : mails) {
            List<RecipientRecord> here = mail.pendingIn(domain);
            recipients += here.size();
            pending.addAll(here);
            Instant arrival = mail.history().arrival();
            oldest = oldest == null || arrival.isBefore(oldest) ? arrival : oldest;
            next = earliest(next, mail.history().nextAttempt());
        }
        return new DomainSummary(domain, mails.size(), recipients, oldest, next, lastFailure(pending));
    }

    /** The most recent failed result among these recipients (pending ones only fail temporarily). */
    public static Optional<AttemptResult> lastFailure(List<RecipientRecord> recipients) {
        return recipients.stream()
            .flatMap(r -> r.last().stream())
            .filter(result -> result.kind() != AttemptResult.Kind.DELIVERED)
            .max(Comparator.comparing(AttemptResult::at));
    }

    /**
     * What an attempt's result says, in one line: the remote's reply ({@code 451 4.7.1 greylisted})
     * or, when there was none, our status and words ({@code 4.4.1 connection refused by …}).
     */
    public static String words(AttemptResult result) {
        if (result.reply().isPresent()) {
            return result.reply().get().toString();
        }
        return result.status() + result.detail().map(detail -> " " + detail).orElse("");
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().isBefore(b.get()) ? a : b;
    }
}
