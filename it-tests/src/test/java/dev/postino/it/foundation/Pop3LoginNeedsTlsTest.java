package dev.postino.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// bob → a.test(110) USER/PASS in clear → -ERR, not logged in;  after STLS → +OK;  995 (implicit TLS) → +OK
class Pop3LoginNeedsTlsTest {
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("pop3tls").dns(new ScriptedDnsService(new DnsZone())).build().start();
        james.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        james.close();
    }

    @Test
    void aPasswordInClearIsRefusedBeforeStls() throws IOException {
        POP3Client pop3 = new POP3Client();
        pop3.connect("127.0.0.1", james.pop3Port());
        try {
            assertThat(pop3.login("bob@a.test", "bob-secret")).as("logged in over a clear channel").isFalse();
            assertThat(pop3.getReplyString()).startsWith("-ERR").contains("STLS");
        } finally {
            pop3.disconnect();
        }
    }

    @Test
    void afterStlsTheLoginWorks() throws IOException {
        POP3SClient pop3 = new POP3SClient(false);
        pop3.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        pop3.connect("127.0.0.1", james.pop3Port());
        try {
            assertThat(pop3.execTLS()).isTrue();
            assertThat(pop3.login("bob@a.test", "bob-secret")).as(pop3.getReplyString()).isTrue();
        } finally {
            pop3.disconnect();
        }
    }

    @Test
    void overImplicitTlsTheLoginWorks() throws IOException {
        POP3SClient pop3 = new POP3SClient(true);
        pop3.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        pop3.connect("127.0.0.1", james.pop3sPort());
        try {
            assertThat(pop3.login("bob@a.test", "bob-secret")).as(pop3.getReplyString()).isTrue();
        } finally {
            pop3.disconnect();
        }
    }
}
