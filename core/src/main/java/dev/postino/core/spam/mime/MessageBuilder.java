package dev.postino.core.spam.mime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects what {@link MimeReader} finds while it walks a message, within the text budget. */
final class MessageBuilder {
    private static final int MAX_URLS = 500;

    private final int maxTextChars;
    private final StringBuilder plain = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private final List<Link> links = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final Set<String> htmlTags = new LinkedHashSet<>();
    private final List<MimePart> parts = new ArrayList<>();
    private Headers headers = Headers.empty();
    private int htmlParts;
    private boolean truncated;

    MessageBuilder(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    void topHeaders(Headers top) {
        this.headers = top;
    }

    void markTruncated() {
        truncated = true;
    }

    int partCount() {
        return parts.size();
    }

    void addPart(MimePart part) {
        parts.add(part);
    }

    int textRoom() {
        return Math.max(0, maxTextChars - plain.length() - html.length());
    }

    boolean textFull() {
        return textRoom() == 0;
    }

    void addPlain(String text) {
        String kept = keep(text);
        if (plain.length() > 0) {
            plain.append('\n');
        }
        plain.append(kept);
        addUrls(UrlHosts.findUrls(kept));
    }

    void addHtml(HtmlText part) {
        htmlParts++;
        String kept = keep(part.text());
        if (html.length() > 0) {
            html.append('\n');
        }
        html.append(kept);
        for (Link link : part.links()) {
            if (links.size() < MAX_URLS) {
                links.add(link);
            }
            addUrl(link.href());
        }
        for (String src : part.imageSources()) {
            addUrl(src);
        }
        addUrls(UrlHosts.findUrls(kept));
        htmlTags.addAll(part.tagNames());
    }

    private String keep(String text) {
        int room = textRoom();
        if (text.length() <= room) {
            return text;
        }
        truncated = true;
        return text.substring(0, room);
    }

    private void addUrls(List<String> found) {
        for (String url : found) {
            addUrl(url);
        }
    }

    private void addUrl(String url) {
        if (urls.size() < MAX_URLS) {
            urls.add(url);
        }
    }

    MimeMessage build() {
        String subject = EncodedWords.decode(headers.first("Subject").orElse(""));
        String from = EncodedWords.decode(headers.first("From").orElse(""));
        return new MimeMessage(headers, subject, from, plain.toString(), html.toString(), htmlParts,
            links, urls, htmlTags, parts, truncated);
    }
}
