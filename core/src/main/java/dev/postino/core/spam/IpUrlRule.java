package dev.postino.core.spam;

import dev.postino.core.spam.mime.UrlHosts;
import java.util.Optional;

/** A URL whose host is a bare IP address: legitimate senders link to names, throwaway hosts do not. */
public final class IpUrlRule implements SpamRule {
    private final double points;

    public IpUrlRule(double points) {
        this.points = points;
    }

    @Override
    public String name() {
        return "URL_IP_LITERAL";
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        for (String url : input.message().urls()) {
            Optional<String> host = UrlHosts.hostOf(url);
            if (host.isPresent() && UrlHosts.isIpLiteral(host.get())) {
                return Optional.of(new Contribution(name(), points, "URL to an IP address " + host.get()));
            }
        }
        return Optional.empty();
    }
}
