package dev.postino.core.spam;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Splits text into lower-cased words of 3 to 30 characters. Letters, digits and the marks spam
 * leans on ({@code $ ! '} and inner {@code - . _}) belong to a word; anything else separates.
 * Longer runs become one {@code skip:} token of their first character and length in tens, as
 * SpamBayes does, so encoded junk is evidence without flooding the vocabulary.
 */
final class WordScanner {
    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 30;

    private WordScanner() {
    }

    static void scan(String text, Consumer<String> words) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isWordChar(text.charAt(i))) {
                i++;
            }
            if (i < n && isIdeographic(text.charAt(i))) {
                i = emitIdeographs(text, i, words);
                continue;
            }
            int start = i;
            while (i < n && isWordChar(text.charAt(i)) && !isIdeographic(text.charAt(i))) {
                i++;
            }
            emit(text, start, i, words);
        }
    }

    /**
     * Chinese, Japanese and Korean text has no spaces between words, so a "word" would be a
     * whole sentence. Overlapping character pairs stand in for words, as in CJK search engines.
     */
    private static int emitIdeographs(String text, int start, Consumer<String> words) {
        int i = start;
        while (i < text.length() && isIdeographic(text.charAt(i))) {
            i++;
        }
        if (i - start == 1) {
            words.accept("cjk:" + text.charAt(start));
        }
        for (int j = start; j + 1 < i; j++) {
            words.accept("cjk:" + text.substring(j, j + 2));
        }
        return i;
    }

    static boolean isIdeographic(char c) {
        if (c < 0x1100) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
            || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private static void emit(String text, int start, int end, Consumer<String> words) {
        // Trim marks that only punctuate: "end." "-dash" "'quoted'"
        while (start < end && isTrimmable(text.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmable(text.charAt(end - 1))) {
            end--;
        }
        int length = end - start;
        if (length < MIN_LENGTH) {
            return;
        }
        if (length > MAX_LENGTH) {
            words.accept("skip:" + Character.toLowerCase(text.charAt(start)) + (length / 10 * 10));
            return;
        }
        words.accept(text.substring(start, end).toLowerCase(Locale.ROOT));
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '$' || c == '!' || c == '\'' || c == '-' || c == '.' || c == '_';
    }

    private static boolean isTrimmable(char c) {
        return c == '\'' || c == '-' || c == '.' || c == '_';
    }
}
