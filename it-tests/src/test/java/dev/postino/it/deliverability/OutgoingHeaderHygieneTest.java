package dev.postino.it.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A(587) [no Message-ID, no Date, Bcc: carol] → RouteByMx → MX b.test (scripted peer): Message-ID@a.postino.test, Date, no Bcc, no client IP
class OutgoingHeaderHygieneTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;
    private static ScriptedSmtpPeer mx;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        lab.zone().mx("b.test", 10, "mx.b.test").a("mx.b.test", "127.0.0.2");
        mx = lab.peer("127.0.0.2");
        a = lab.postino("a").build().start();
        alice = new Alice(a);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aSubmissionWithoutMessageIdAndDateLeavesWithBothAndWithoutBcc() {
        alice.sendRaw(List.of("bob@b.test", "carol@b.test"), "From: alice@a.test\r\n"
            + "To: bob@b.test\r\n"
            + "Bcc: carol@b.test\r\n"
            + "Subject: bare submission\r\n"
            + "\r\n"
            + "no Message-ID, no Date\r\n");

        RecordedMessage got = mx.awaitMessages(1, WAIT).get(0);
        String header = got.content().substring(0, got.content().indexOf("\r\n\r\n")).replaceAll("\r\n[ \t]+", " ");

        assertThat(got.recipientAddresses()).containsExactlyInAnyOrder("bob@b.test", "carol@b.test");
        assertThat(header).containsPattern("(?m)^Message-ID: <[A-Za-z0-9.-]+@a\\.postino\\.test>$")
            .containsPattern("(?m)^Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$")
            .doesNotContainPattern("(?im)^Bcc:")
            .doesNotContain("carol@b.test")
            .doesNotContainPattern("(?im)^X-Spam-")
            // hideSubmitterAddress=true (shipped): our Received names no client address.
            .doesNotContain("[127.0.0.1]")
            .containsPattern("(?m)^Received: by \\S+ \\(JAMES SMTP Server \\) with ESMTPS?A ID ");
    }
}
