package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A(587) → RouteByMx → DNS (MX, A, AAAA, null MX) and static routes → scripted peers on 127.0.0.N
class MxRoutingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        String routes = "static.test   [127.0.0.14]:" + "PORT\n"
            + "smart.test    [127.0.0.15]:PORT auth=relayuser secret=relaypw\n"
            + "secure.test   [127.0.0.16]:PORT tls=required\n"
            + "refused.test  error:5.7.1 we never deliver there\n";
        a = lab.postino("a", "routes.file=conf/postino-routes\nsecret.relaypw=relay-secret\n")
            .confFile("postino-routes", routes.replace("PORT", String.valueOf(lab.mxPort())))
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>1s</retrySchedule><delayWarningAfter>0</delayWarningAfter>"
                    + "<maxQueueLifetime>10m</maxQueueLifetime><deadHostTime>0</deadHostTime>"
                    + "<connectTimeout>2s</connectTimeout>"))
            .build().start();
        alice = new Alice(a);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    private static String awaitDsn(String subjectOfOriginal) {
        return await().atMost(WAIT).until(() -> alice.dsnsAbout(subjectOfOriginal), l -> !l.isEmpty()).get(0);
    }

    @Test
    void theMostPreferredMxGetsTheMail() {
        lab.zone().mx("pref.test", 20, "mx2.pref.test").mx("pref.test", 10, "mx1.pref.test")
            .a("mx1.pref.test", "127.0.0.2").a("mx2.pref.test", "127.0.0.3");
        ScriptedSmtpPeer mx1 = lab.peer("127.0.0.2");
        ScriptedSmtpPeer mx2 = lab.peer("127.0.0.3");

        alice.send("preference", "bob@pref.test");

        RecordedMessage got = mx1.awaitMessages(1, WAIT).get(0);
        assertThat(got.recipientAddresses()).containsExactly("bob@pref.test");
        assertThat(got.sender()).isEqualTo("alice@a.test");
        assertThat(got.content()).contains("Subject: preference");
        assertThat(mx2.connectionCount()).isZero();
    }

    @Test
    void whenThePrimaryRefusesConnectionsTheSecondaryGetsIt() {
        // Nothing listens on 127.0.0.4: connection refused.
        lab.zone().mx("failover.test", 10, "mx1.failover.test").mx("failover.test", 20, "mx2.failover.test")
            .a("mx1.failover.test", "127.0.0.4").a("mx2.failover.test", "127.0.0.5");
        ScriptedSmtpPeer mx2 = lab.peer("127.0.0.5");

        alice.send("failover", "bob@failover.test");

        assertThat(mx2.awaitMessages(1, WAIT).get(0).recipientAddresses()).containsExactly("bob@failover.test");
    }

    @Test
    void a5xxGreetingOnTheFirstMxMovesToTheNext() {
        lab.zone().mx("greet.test", 10, "mx1.greet.test").mx("greet.test", 20, "mx2.greet.test")
            .a("mx1.greet.test", "127.0.0.6").a("mx2.greet.test", "127.0.0.7");
        ScriptedSmtpPeer mx1 = lab.peer("127.0.0.6");
        mx1.script().on(Phase.GREETING).reply("554 5.3.2 not accepting mail").always();
        ScriptedSmtpPeer mx2 = lab.peer("127.0.0.7");

        alice.send("greeting", "bob@greet.test");

        assertThat(mx2.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(mx1.connectionCount()).isGreaterThanOrEqualTo(1);
        assertThat(mx1.messages()).isEmpty();
    }

    @Test
    void implicitMxUsesTheDomainsOwnAddress() {
        lab.zone().a("implicit.test", "127.0.0.10");
        ScriptedSmtpPeer host = lab.peer("127.0.0.10");

        alice.send("implicit", "bob@implicit.test");

        assertThat(host.awaitMessages(1, WAIT).get(0).recipientAddresses()).containsExactly("bob@implicit.test");
    }

    @Test
    void nullMxBouncesWith5_1_10WithoutConnecting() {
        lab.zone().nullMx("nullmx.test").a("nullmx.test", "127.0.0.11");
        ScriptedSmtpPeer trap = lab.peer("127.0.0.11");

        alice.send("null mx", "bob@nullmx.test");

        String dsn = awaitDsn("null mx");
        assertThat(dsn).contains("Status: 5.1.10").contains("Action: failed")
            .contains("Final-Recipient: rfc822; bob@nullmx.test");
        assertThat(trap.connectionCount()).as("RFC 7505: never connect to a null-MX domain").isZero();
    }

    @Test
    void aStaticRouteSendsToItsHostWithoutMxLookup() {
        ScriptedSmtpPeer relay = lab.peer("127.0.0.14");

        alice.send("static route", "bob@static.test");

        assertThat(relay.awaitMessages(1, WAIT).get(0).recipientAddresses()).containsExactly("bob@static.test");
        assertThat(lab.zone().queries()).noneMatch(q -> q.name().contains("static.test"));
    }

    @Test
    void aSmarthostGetsAuthOnlyAfterStarttls() {
        ScriptedSmtpPeer smarthost = lab.peer("127.0.0.15", o -> o.startTls(true).credentials("relayuser", "relay-secret"));

        alice.send("smarthost", "bob@smart.test");

        RecordedMessage got = smarthost.awaitMessages(1, WAIT).get(0);
        assertThat(got.tls()).isTrue();
        assertThat(got.authenticatedAs()).contains("relayuser");
    }

    @Test
    void requiredTlsToAPeerWithoutStarttlsIsNeverSentInClear() {
        ScriptedSmtpPeer clearOnly = lab.peer("127.0.0.16");

        alice.send("secret stuff", "bob@secure.test");

        await().atMost(WAIT).until(() -> clearOnly.connectionCount() >= 2);
        assertThat(clearOnly.messages()).isEmpty();
        assertThat(clearOnly.connections()).allSatisfy(c -> assertThat(c.verbs()).doesNotContain("MAIL"));
    }

    @Test
    void aStaticErrorRouteBouncesWithItsStatus() {
        alice.send("refused route", "bob@refused.test");

        String dsn = awaitDsn("refused route");
        assertThat(dsn).contains("Status: 5.7.1").contains("we never deliver there");
    }

    @Test
    void partialRcptAcceptanceDeliversToTheAcceptedAndBouncesTheRefused() {
        lab.zone().mx("partial.test", 10, "mx.partial.test").a("mx.partial.test", "127.0.0.12");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.12");
        mx.script().onRcpt("carol@partial.test").reply("550 5.1.1 <carol@partial.test>: no such user").always();

        alice.send("partial", "bob@partial.test", "carol@partial.test");

        assertThat(mx.awaitMessages(1, WAIT).get(0).recipientAddresses()).containsExactly("bob@partial.test");
        String dsn = awaitDsn("partial");
        assertThat(dsn).contains("Final-Recipient: rfc822; carol@partial.test").contains("Status: 5.1.1")
            .contains("Diagnostic-Code: smtp; 550 5.1.1 <carol@partial.test>: no such user")
            .contains("Remote-MTA: dns; mx.partial.test")
            .doesNotContain("Final-Recipient: rfc822; bob@partial.test");
    }

    @Test
    void aMessageOverThePeersSizeIsBouncedWithoutSendingData() {
        lab.zone().mx("small.test", 10, "mx.small.test").a("mx.small.test", "127.0.0.13");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.13", o -> o.extensions("SIZE 1048576", "8BITMIME"));

        alice.sendRaw(List.of("bob@small.test"), Messages.simple(Alice.ADDRESS, "bob@small.test", "too big",
            "x".repeat(76).concat("\n").repeat(2 * 1024 * 1024 / 77)));

        String dsn = awaitDsn("too big");
        assertThat(dsn).contains("Status: 5.3.4").contains("1 MB");
        assertThat(mx.connections()).allSatisfy(c -> assertThat(c.verbs()).doesNotContain("MAIL", "DATA"));
    }

    @Test
    void manyMailsToOneDomainReuseConnections() {
        lab.zone().mx("reuse.test", 10, "mx.reuse.test").a("mx.reuse.test", "127.0.0.17");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.17");

        for (int i = 0; i < 20; i++) {
            alice.send("reuse " + i, "bob@reuse.test");
        }

        assertThat(mx.awaitMessages(20, WAIT)).hasSize(20);
        assertThat(mx.connectionCount()).as("20 mails, connections reused").isLessThanOrEqualTo(10);
    }

    @Test
    void anAaaaOnlyMxIsReachedOverIpv6() {
        lab.zone().mx("six.test", 10, "mx.six.test").aaaa("mx.six.test", "::1");
        ScriptedSmtpPeer mx = lab.peer("::1");

        alice.send("over ipv6", "bob@six.test");

        assertThat(mx.awaitMessages(1, WAIT).get(0).recipientAddresses()).containsExactly("bob@six.test");
    }

    @Test
    void aMailLoopIsBouncedWith5_4_6NeverDiscarded() {
        lab.zone().mx("loop.test", 10, "mx.loop.test").a("mx.loop.test", "127.0.0.18");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.18");
        String received = "Received: from relay.loop.test by mx.loop.test; Thu, 26 Nov 2026 10:00:00 +0000\r\n".repeat(101);

        alice.sendRaw(List.of("bob@loop.test"), received + Messages.simple(Alice.ADDRESS, "bob@loop.test", "looping", "x"));

        String dsn = awaitDsn("looping");
        assertThat(dsn).contains("Status: 5.4.6").contains("Final-Recipient: rfc822; bob@loop.test");
        assertThat(mx.connectionCount()).isZero();
    }
}
