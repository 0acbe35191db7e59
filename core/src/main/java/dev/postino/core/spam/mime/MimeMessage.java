package dev.postino.core.spam.mime;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What the spam check reads of a message: its top-level headers, decoded Subject and From, the
 * text of its text parts, the links, URLs and tag names of its HTML, and the declared parts.
 * Built by {@link MimeReader}.
 */
public final class MimeMessage {
    private final Headers headers;
    private final String subject;
    private final String from;
    private final String plainText;
    private final String htmlText;
    private final int htmlParts;
    private final List<Link> links;
    private final List<String> urls;
    private final Set<String> htmlTags;
    private final List<MimePart> parts;
    private final boolean truncated;

    MimeMessage(Headers headers, String subject, String from, String plainText, String htmlText, int htmlParts,
                List<Link> links, List<String> urls, Set<String> htmlTags, List<MimePart> parts, boolean truncated) {
        this.headers = headers;
        this.subject = subject;
        this.from = from;
        this.plainText = plainText;
        this.htmlText = htmlText;
        this.htmlParts = htmlParts;
        this.links = Collections.unmodifiableList(links);
        this.urls = Collections.unmodifiableList(urls);
        this.htmlTags = Collections.unmodifiableSet(htmlTags);
        this.parts = Collections.unmodifiableList(parts);
        this.truncated = truncated;
    }

    /** The top-level header section, every field kept (including ones a filter must ignore). */
    public Headers headers() {
        return headers;
    }

    /** Subject with RFC 2047 encoded words decoded; empty when absent. */
    public String subject() {
        return subject;
    }

    /** From with RFC 2047 encoded words decoded; empty when absent. */
    public String from() {
        return from;
    }

    /** The text of every text/plain part (and other non-HTML text parts), decoded. */
    public String plainText() {
        return plainText;
    }

    /** What a reader sees of every text/html part. */
    public String htmlText() {
        return htmlText;
    }

    /** Both of the above: everything a reader can read. */
    public String text() {
        if (htmlText.isEmpty()) {
            return plainText;
        }
        return plainText.isEmpty() ? htmlText : plainText + "\n" + htmlText;
    }

    public boolean hasHtml() {
        return htmlParts > 0;
    }

    /** HTML parts and no readable plain-text alternative. */
    public boolean isHtmlOnly() {
        return htmlParts > 0 && plainText.trim().isEmpty();
    }

    public List<Link> links() {
        return links;
    }

    /** Every URL seen: link targets, image sources and addresses written in text. */
    public List<String> urls() {
        return urls;
    }

    public Set<String> htmlTags() {
        return htmlTags;
    }

    public List<MimePart> parts() {
        return parts;
    }

    /** True when a limit was reached or the structure was broken: the reader saw only part of it. */
    public boolean isTruncated() {
        return truncated;
    }
}
