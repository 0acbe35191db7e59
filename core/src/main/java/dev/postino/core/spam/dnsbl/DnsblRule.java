package dev.postino.core.spam.dnsbl;

import dev.postino.core.spam.Contribution;
import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.SpamRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One blocklist zone as a test: every entry of the zone whose filter accepts a reply adds its
 * weight (Postfix's summing), and the reason names what was listed and the reply, e.g.
 * {@code client 192.0.2.7 listed in zen.example.org (127.0.0.2)}.
 */
final class DnsblRule implements SpamRule {
    private final String name;
    private final String zone;
    private final List<DnsblSite> sites;
    private final String what;
    private final Function<SpamInput, Map<String, String>> subjects;

    DnsblRule(String name, String zone, List<DnsblSite> sites, String what,
              Function<SpamInput, Map<String, String>> subjects) {
        this.name = name;
        this.zone = zone;
        this.sites = List.copyOf(sites);
        this.what = what;
        this.subjects = subjects;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        if (input.dnsAnswers().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> listedSubjects = subjects.apply(input);
        double points = 0.0;
        String reason = null;
        for (DnsblSite site : sites) {
            // Each entry counts once per message, however many link domains the zone lists.
            for (Map.Entry<String, String> subject : listedSubjects.entrySet()) {
                Optional<String> accepted = input.dnsAnswers().repliesFor(subject.getValue() + "." + zone).stream()
                    .filter(site::accepts).findFirst();
                if (accepted.isPresent()) {
                    points += site.weight();
                    if (reason == null) {
                        reason = what + " " + subject.getKey() + " listed in " + zone + " (" + accepted.get() + ")";
                    }
                    break;
                }
            }
        }
        return reason == null ? Optional.empty() : Optional.of(new Contribution(name, points, reason));
    }
}
