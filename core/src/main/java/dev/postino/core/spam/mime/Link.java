package dev.postino.core.spam.mime;

import java.util.Objects;
import java.util.Optional;

/** An HTML anchor: where it points ({@code href}) and the text a reader sees. */
public final class Link {
    private final String href;
    private final String text;

    public Link(String href, String text) {
        this.href = Objects.requireNonNull(href);
        this.text = Objects.requireNonNull(text);
    }

    public String href() {
        return href;
    }

    public String text() {
        return text;
    }

    /** The host the link really goes to, if the target is a web URL. */
    public Optional<String> targetHost() {
        return UrlHosts.hostOf(href);
    }

    /** The host the visible text claims, when the text itself looks like a web address. */
    public Optional<String> shownHost() {
        return UrlHosts.hostShownIn(text);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Link)) {
            return false;
        }
        Link that = (Link) o;
        return href.equals(that.href) && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(href, text);
    }

    @Override
    public String toString() {
        return "<a href=\"" + href + "\">" + text + "</a>";
    }
}
