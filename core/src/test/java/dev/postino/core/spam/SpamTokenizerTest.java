package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpamTokenizerTest {
    private final SpamTokenizer tokenizer = new SpamTokenizer();

    @Test
    void bodyWordsAreLowerCasedAndBetweenThreeAndThirtyCharacters() {
        Set<String> tokens = tokenizer.tokens(TestMail.simple("hi", "FREE money!!! at $100, an ox "
            + "Supercalifragilisticexpialidocious-and-then-some-more end."));

        assertThat(tokens).contains("free", "money!!!", "$100", "end", "bi:free_money!!!")
            .doesNotContain("an", "ox", "FREE", "end.")
            .contains("skip:s50");
    }

    @Test
    void repeatedBodyWordsVoteOncePerOccurrenceUpToTheCap() {
        var message = TestMail.simple("free free", "FREE free Free free free money, money once");

        assertThat(tokenizer.repeatedWords(message))
            .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("free", SpamTokenizer.MAX_WORD_VOTES, "money", 2));
        assertThat(SpamTokenizer.MAX_WORD_VOTES).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({
        "$3000, num:$9999",
        "1-800-555-1234, num:9-999-999-9999",
        "mp3, num:aa9",
        "26.11.2002, num:99.99.9999",
    })
    void wordsWithDigitsAlsoGiveTheirShape(String word, String shape) {
        assertThat(SpamTokenizer.numberShape(word)).isEqualTo(shape);
        assertThat(tokenizer.tokens(TestMail.simple("hi", "call " + word + " now"))).contains(word.toLowerCase(), shape);
    }

    @Test
    void wordsWithoutDigitsHaveNoShape() {
        assertThat(SpamTokenizer.numberShape("free!")).isNull();
        assertThat(tokenizer.tokens(TestMail.simple("hi", "free offer"))).noneMatch(t -> t.startsWith("num:"));
    }

    @Test
    void urlHostsAndTheirParentDomainsBecomeTokens() {
        Set<String> tokens = tokenizer.tokens(TestMail.simple("hi", "go to http://www.deals.shop.test/x or http://192.0.2.1/y"));

        assertThat(tokens).contains("url:www.deals.shop.test", "url:deals.shop.test", "url:shop.test", "url:ip")
            .doesNotContain("url:test");
    }

    @Test
    void urlPathWordsBecomeTokensAndLayoutTagsDoNot() {
        Set<String> tokens = tokenizer.tokens(TestMail.parse(
            "Content-Type: text/html",
            "",
            "<html><body><table><tr><td><font size=1>Hi</font></td></tr></table>",
            "<form action=\"x\"><input></form>",
            "<a href=\"http://shop.test/cgi-bin/remove.cgi?id=7&u=x\">out</a></body></html>"));

        assertThat(tokens).contains("urlp:cgi", "urlp:bin", "urlp:remove", "urlp:id", "tag:form", "tag:input")
            .doesNotContain("urlp:7", "urlp:u", "tag:table", "tag:td", "tag:font", "tag:html", "tag:a");
    }

    @Test
    void selectedHeadersBecomePrefixedTokens() {
        Set<String> tokens = tokenizer.tokens(TestMail.parseFixture("multipart-newsletter.eml"));

        assertThat(tokens).contains("subject:hello", "subject:wörld", "from:dom:shop.test", "from:name:café",
            "ctype:multipart/mixed", "part:text/html", "charset:iso-8859-1", "cte:base64", "mailer:none",
            "hdr:mime-version", "mid:from:same", "url:from:all", "url:shop.test", "tag:script");
    }

    @Test
    void mailerVersionsCollapseToTheFamily() {
        Set<String> tokens = tokenizer.tokens(TestMail.parse("X-Mailer: Microsoft Outlook Express 6.00.2600.0000", "", "x"));

        assertThat(tokens).contains("mailer:microsoft_outlook_express");
    }

    @Test
    void spamHeadersAndReceivingSideHeadersAreIgnored() {
        Set<String> tokens = tokenizer.tokens(TestMail.parse(
            "X-Spam-Status: Yes, score=99 tests=BAYES_99",
            "X-Spam: high",
            "Received: from relay.ours.test (relay.ours.test [192.0.2.9]) by mx.ours.test with ESMTP",
            "Received: from client.sender.test (client.sender.test [198.51.100.7]) by out.sender.test with ESMTPA",
            "Delivered-To: bob@ours.test",
            "Return-Path: <bounce@sender.test>",
            "X-Keywords: junk",
            "Authentication-Results: mx.ours.test; spf=pass",
            "X-Roving-Id: 996949207937",
            "Subject: hello",
            "",
            "body words"));

        assertThat(tokens).noneMatch(t -> t.contains("x-spam") || t.contains("bayes_99") || t.contains("ours.test")
            || t.contains("received") || t.contains("delivered-to") || t.contains("x-keywords")
            || t.contains("authentication-results") || t.contains("192.0") || t.startsWith("rp:")
            || t.contains("return-path"));
        assertThat(tokens).contains("hdr:x-roving-id", "orig:helo:dom:sender.test", "orig:by:sender.test");
    }

    @Test
    void theRfc2369ListFieldsAreOneTokenAndListIdItsOwn() {
        Set<String> tokens = tokenizer.tokens(TestMail.parse(
            "List-Help: <mailto:list-request@lists.test?subject=help>",
            "List-Unsubscribe: <mailto:list-request@lists.test?subject=unsubscribe>",
            "List-Post: <mailto:list@lists.test>",
            "List-Id: <list.lists.test>",
            "Subject: hello",
            "",
            "body words"));

        assertThat(tokens).contains("hdr:list-*", "hdr:list-id")
            .doesNotContain("hdr:list-help", "hdr:list-unsubscribe", "hdr:list-post");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "jasper5645@yahoo.test, from:local:digits-end:medium",
        "bob@example.test, from:local:words:short",
        "a1b2c3d4e5f6g7h8ix@x.test, from:local:digits:long"})
    void fromLocalPartShape(String from, String token) {
        assertThat(tokenizer.tokens(TestMail.parse("From: " + from, "", "x"))).contains(token);
    }

    @Test
    void ideographicTextBecomesCharacterPairs() {
        Set<String> tokens = tokenizer.tokens(TestMail.simple("hi", "一网天下"));

        assertThat(tokens).contains("cjk:一网", "cjk:网天", "cjk:天下");
    }

    @Test
    void tokensNeverContainWhitespace() {
        Set<String> tokens = tokenizer.tokens(TestMail.parse(
            "From: \"A  B\" <a@odd domain.test>",
            "X-Mailer: Some Mailer\twith tabs",
            "Content-Type: text/plain; charset=\"utf 8\"",
            "",
            "x y z"));

        assertThat(tokens).noneMatch(t -> t.chars().anyMatch(Character::isWhitespace));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"X-Spam-Status,true", "x-spam-flag,true", "X-SPAM,true", "X-Spam-Report,true",
        "X-Spamadvice,false", "X-SpamCop-Checked,false", "Subject,false", "X-Spam_Score,false"})
    void forgedSpamHeaders(String name, boolean spamHeader) {
        assertThat(ForgedHeaders.isSpamHeader(name)).isEqualTo(spamHeader);
    }
}
