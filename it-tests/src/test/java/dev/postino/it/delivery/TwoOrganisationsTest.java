package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;

// alice → A(587) → DNS: MX b.test = B → B(25) → bob's INBOX (IMAP); and bob → B(587) → MX a.test = A → alice
class TwoOrganisationsTest {
    private static MxLab lab;
    private static PostinoJames a;
    private static PostinoJames b;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        lab.zone().mx("a.test", 10, "mx.a.test").a("mx.a.test", "127.0.0.8")
            .mx("b.test", 10, "mx.b.test").a("mx.b.test", "127.0.0.9");
        a = lab.postino("a").editConf("smtpserver.xml", onMxAddress("127.0.0.8")).build();
        b = lab.postino("b").editConf("smtpserver.xml", onMxAddress("127.0.0.9")).build();
        a.start().addUser("alice@a.test", "alice-secret");
        b.start().addUser("bob@b.test", "bob-secret");
    }

    /** The server's port-25 listener on ip:mxPort, where the lab's DNS sends b.test's mail. */
    private static java.util.function.UnaryOperator<String> onMxAddress(String ip) {
        return xml -> xml.replaceFirst("<bind>0\\.0\\.0\\.0:\\d+</bind>", "<bind>" + ip + ":" + lab.mxPort() + "</bind>");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        lab.close();
    }

    @Test
    void aliceMailsBobAcrossTwoServersAndBobAnswers() {
        SmtpSession.submit(a.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test",
            List.of("bob@b.test"), Messages.simple("alice@a.test", "bob@b.test", "Across the Internet", "Hello B!"));

        List<String> inbox = await().atMost(Duration.ofSeconds(60))
            .until(() -> MailReader.imap(b.imapPort(), "bob@b.test", "bob-secret", "INBOX"), l -> !l.isEmpty());
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0)).contains("Subject: Across the Internet").contains("Hello B!")
            .contains("EHLO a.postino.test");

        SmtpSession.submit(b.submissionPort(), "bob@b.test", "bob-secret", "bob@b.test",
            List.of("alice@a.test"), Messages.simple("bob@b.test", "alice@a.test", "Re: Across the Internet", "Hi A!"));

        List<String> back = await().atMost(Duration.ofSeconds(60))
            .until(() -> MailReader.imap(a.imapPort(), "alice@a.test", "alice-secret", "INBOX"), l -> !l.isEmpty());
        assertThat(back).hasSize(1);
        assertThat(back.get(0)).contains("Subject: Re: Across the Internet").contains("Hi A!");
    }
}
