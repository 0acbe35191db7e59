package dev.postino.it.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.ScriptedSmtpPeer;

/**
 * Side by side: the same submissions through Postino's RouteByMx and through James's stock
 * RemoteDelivery (same James, same DNS), printing what each did. Not part of the default suite:
 * {@code mvn -B -pl it-tests -am verify -Dgroups=comparison -Dtest=StockRemoteDeliveryComparisonTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
// alice → {Postino | stock} → MX peers: 100 mails to one domain (connections), null MX (attempts)
@Tag("comparison")
class StockRemoteDeliveryComparisonTest {
    private static final int MAILS = 100;
    private static MxLab lab;
    private static PostinoJames postino;
    private static PostinoJames stock;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        postino = lab.postino("postino").build().start();
        stock = lab.postino("stock").editConf("mailetcontainer.xml", stockRemoteDelivery()).build().start();
        postino.addUser("alice@a.test", "secret");
        stock.addUser("alice@s.test", "secret");
    }

    /** James's own RemoteDelivery in the relay processor, as in James's sample configuration. */
    private static UnaryOperator<String> stockRemoteDelivery() {
        return xml -> xml.replaceFirst("(?s)<mailet match=\"All\" class=\"dev.postino.mailets.RouteByMx\">.*?</mailet>",
            "<mailet match=\"All\" class=\"RemoteDelivery\"><outgoing>outgoing</outgoing>"
                + "<delayTime>1000</delayTime><maxRetries>3</maxRetries><maxDnsProblemRetries>0</maxDnsProblemRetries>"
                + "<deliveryThreads>10</deliveryThreads><sendpartial>true</sendpartial>"
                + "<bounceProcessor>bounces</bounceProcessor></mailet>");
    }

    @AfterAll
    static void stop() {
        if (postino != null) {
            postino.close();
        }
        if (stock != null) {
            stock.close();
        }
        lab.close();
    }

    private static void sendMany(PostinoJames server, String from, String to, int count) {
        for (int i = 0; i < count; i++) {
            SmtpSession.submit(server.submissionPort(), from, "secret", from, List.of(to),
                Messages.simple(from, to, "mail " + i, ("x".repeat(75) + "\n").repeat(66)));
        }
    }

    @Test
    void connectionsFor100MailsToOneDomain() {
        lab.zone().mx("many-p.test", 10, "mx.many-p.test").a("mx.many-p.test", "127.0.0.2")
            // RemoteDelivery takes host:port from an MX target, so the stock server reaches the peer too.
            .mx("many-s.test", 10, "127.0.0.3:" + lab.mxPort());
        ScriptedSmtpPeer forPostino = lab.peer("127.0.0.2");
        ScriptedSmtpPeer forStock = lab.peer("127.0.0.3");

        sendMany(postino, "alice@a.test", "bob@many-p.test", MAILS);
        sendMany(stock, "alice@s.test", "bob@many-s.test", MAILS);

        forPostino.awaitMessages(MAILS, Duration.ofMinutes(3));
        forStock.awaitMessages(MAILS, Duration.ofMinutes(3));
        System.out.printf("COMPARISON connections for %d mails: postino=%d stock=%d%n", MAILS,
            forPostino.connectionCount(), forStock.connectionCount());
        assertThat(forPostino.connectionCount()).isLessThan(forStock.connectionCount());
    }

    @Test
    void nullMx() {
        lab.zone().nullMx("null-p.test").a("null-p.test", "127.0.0.4")
            .nullMx("null-s.test").a("null-s.test", "127.0.0.5");
        ScriptedSmtpPeer trapPostino = lab.peer("127.0.0.4");
        ScriptedSmtpPeer trapStock = lab.peer("127.0.0.5");

        sendMany(postino, "alice@a.test", "bob@null-p.test", 1);
        sendMany(stock, "alice@s.test", "bob@null-s.test", 1);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !hasDsn(postino, "alice@a.test").equals("none")
            && !hasDsn(stock, "alice@s.test").equals("none"));
        System.out.printf("COMPARISON null MX: postino connections=%d dsn=%s; stock connections=%d dsn=%s%n",
            trapPostino.connectionCount(), hasDsn(postino, "alice@a.test"),
            trapStock.connectionCount(), hasDsn(stock, "alice@s.test"));
        assertThat(trapPostino.connectionCount()).isZero();
    }

    private static String hasDsn(PostinoJames server, String user) {
        return dev.postino.it.harness.MailReader.imap(server.imapPort(), user, "secret", "INBOX").stream()
            .filter(m -> m.contains("delivery-status"))
            .map(m -> m.lines().filter(l -> l.startsWith("Status:") || l.startsWith("Diagnostic-Code:"))
                .collect(java.util.stream.Collectors.joining(" | ")))
            .findFirst().orElse("none");
    }
}
