package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginHopTokensTest {
    private static List<String> tokens(String... received) {
        List<String> out = new ArrayList<>();
        OriginHopTokens.tokens(Arrays.asList(received), out::add);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Postfix, reverse DNS known and agreeing with the HELO name
        "from mail.shop.test (mail.shop.test [198.51.100.7]) by mx.ours.test (Postfix) with ESMTP id 1"
            + "| orig:helo:dom:shop.test orig:rdns:shop.test orig:helo:rdns:same orig:net:198.51 orig:by:ours.test orig:with:esmtp",
        // a client without reverse DNS, HELO a bare word
        "from cosmin (unknown [203.0.113.5]) by relay.sender.test with SMTP"
            + "| orig:helo:bare orig:rdns:unknown orig:net:203.0 orig:by:sender.test orig:with:smtp",
        // sendmail's note on a HELO that does not match the address
        "from pc (ppp-1.dialup.test [192.168.0.12] (may be forged)) by server.sender.test"
            + "| orig:helo:bare orig:forged orig:net:private orig:rdns:dialup.test",
        // HELO an address literal, reverse name differs
        "from [203.0.113.9] (host9.isp.test [203.0.113.9]) by mx.ours.test with ESMTP"
            + "| orig:helo:ip orig:rdns:isp.test orig:net:203.0",
        // submitted on the host itself: no from part
        "by mx.sender.test (Postfix, from userid 99) id A8687FFE7| orig:local orig:by:sender.test"})
    void theBottomLineDescribesTheSendersConnection(String line, String expected) {
        assertThat(tokens(line)).containsAll(Arrays.asList(expected.trim().split(" ")));
    }

    @Test
    void onlyTheBottomMostLineCounts() {
        List<String> tokens = tokens(
            "from relay.ours.test (relay.ours.test [192.0.2.1]) by mx.ours.test with ESMTP",
            "from client.sender.test (client.sender.test [198.51.100.7]) by out.sender.test with ESMTPA");

        assertThat(tokens).contains("orig:helo:dom:sender.test", "orig:by:sender.test", "orig:with:esmtpa")
            .noneMatch(t -> t.contains("ours.test") || t.contains("192.0"));
    }

    @Test
    void noReceivedLineSaysSo() {
        assertThat(tokens()).containsExactly("orig:none");
    }

    @Test
    void foldedLinesAreRead() {
        assertThat(tokens("from mail.shop.test\r\n    (mail.shop.test [198.51.100.7]) by\r\n\tmx.ours.test with ESMTP"))
            .contains("orig:helo:dom:shop.test", "orig:rdns:shop.test", "orig:by:ours.test");
    }
}
