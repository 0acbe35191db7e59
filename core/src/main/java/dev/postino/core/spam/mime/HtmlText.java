package dev.postino.core.spam.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HTML reduced to what a reader sees: text without tags, scripts, styles or comments, with
 * common entities decoded; plus every link (target and visible text), image source and tag name,
 * which are what spam hides its tricks in. A forgiving scanner, not a parser: unclosed tags and
 * quotes end at the input's end.
 */
public final class HtmlText {
    private static final Set<String> BLOCK_TAGS = Set.of("br", "p", "div", "tr", "td", "th", "li", "ul", "ol",
        "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "pre", "title", "center", "dd", "dt");

    private final String text;
    private final List<Link> links;
    private final List<String> imageSources;
    private final Set<String> tagNames;

    private HtmlText(String text, List<Link> links, List<String> imageSources, Set<String> tagNames) {
        this.text = text;
        this.links = Collections.unmodifiableList(links);
        this.imageSources = Collections.unmodifiableList(imageSources);
        this.tagNames = Collections.unmodifiableSet(tagNames);
    }

    public static HtmlText of(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        List<Link> links = new ArrayList<>();
        List<String> images = new ArrayList<>();
        Set<String> tags = new LinkedHashSet<>();
        String openHref = null;
        int anchorStart = 0;
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '&') {
                i = HtmlEntities.decodeAt(html, i, out);
                continue;
            }
            if (c != '<' || i + 1 >= n || !isTagStart(html.charAt(i + 1))) {
                out.append(c);
                i++;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int close = html.indexOf("-->", i + 4);
                i = close < 0 ? n : close + 3;
                continue;
            }
            int end = tagEnd(html, i + 1);
            String tag = html.substring(i + 1, Math.min(end, n));
            i = end + 1;
            boolean closing = tag.startsWith("/");
            String name = tagName(tag, closing ? 1 : 0);
            if (name.isEmpty()) {
                continue;
            }
            if (tags.size() < 64) {
                tags.add(name);
            }
            if (!closing && (name.equals("script") || name.equals("style"))) {
                int close = indexOfIgnoreCase(html, "</" + name, i);
                i = close < 0 ? n : close;
                continue;
            }
            if (name.equals("a")) {
                if (openHref != null) {
                    links.add(new Link(openHref, out.substring(anchorStart).trim()));
                    openHref = null;
                }
                if (!closing) {
                    String href = attribute(tag, "href");
                    if (href != null) {
                        openHref = href;
                        anchorStart = out.length();
                    }
                }
                out.append(' ');
            } else if (name.equals("img") && !closing) {
                String src = attribute(tag, "src");
                if (src != null) {
                    images.add(src);
                }
                out.append(' ');
            } else if (BLOCK_TAGS.contains(name)) {
                out.append('\n');
            }
        }
        if (openHref != null) {
            links.add(new Link(openHref, out.substring(anchorStart).trim()));
        }
        return new HtmlText(out.toString(), links, images, tags);
    }

    private static int indexOfIgnoreCase(String haystack, String needle, int from) {
        for (int i = from; i <= haystack.length() - needle.length(); i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isTagStart(char c) {
        return Character.isLetter(c) || c == '/' || c == '!' || c == '?';
    }

    /** Index of the '>' closing the tag whose body starts at {@code from}; quotes are honoured. */
    private static int tagEnd(String html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                // Only an attribute value may open a quote: after '=' and optional spaces.
                int j = i - 1;
                while (j > from && html.charAt(j) == ' ') {
                    j--;
                }
                if (html.charAt(j) == '=') {
                    quote = c;
                }
            } else if (c == '>') {
                return i;
            }
        }
        return html.length();
    }

    private static String tagName(String tag, int from) {
        int end = from;
        while (end < tag.length() && (Character.isLetterOrDigit(tag.charAt(end)) || tag.charAt(end) == '!')) {
            end++;
        }
        return tag.substring(from, end).toLowerCase(Locale.ROOT);
    }

    /** The value of attribute {@code name} in a tag's body, entities decoded, or null. */
    static String attribute(String tag, String name) {
        String lower = tag.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = lower.indexOf(name, from);
            if (at < 0) {
                return null;
            }
            from = at + name.length();
            boolean boundary = at > 0 && (Character.isWhitespace(lower.charAt(at - 1)) || lower.charAt(at - 1) == '"');
            int j = from;
            while (j < lower.length() && lower.charAt(j) == ' ') {
                j++;
            }
            if (!boundary || j >= lower.length() || lower.charAt(j) != '=') {
                continue;
            }
            j++;
            while (j < lower.length() && Character.isWhitespace(lower.charAt(j))) {
                j++;
            }
            if (j >= tag.length()) {
                return "";
            }
            char q = tag.charAt(j);
            int end;
            if (q == '"' || q == '\'') {
                j++;
                end = tag.indexOf(q, j);
                end = end < 0 ? tag.length() : end;
            } else {
                end = j;
                while (end < tag.length() && !Character.isWhitespace(tag.charAt(end)) && tag.charAt(end) != '>') {
                    end++;
                }
            }
            return HtmlEntities.decode(tag.substring(j, end).trim());
        }
    }

    public String text() {
        return text;
    }

    public List<Link> links() {
        return links;
    }

    public List<String> imageSources() {
        return imageSources;
    }

    /** Lower-cased names of the tags used, at most 64. */
    public Set<String> tagNames() {
        return tagNames;
    }
}
