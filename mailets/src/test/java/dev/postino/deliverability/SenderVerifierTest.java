package dev.postino.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.core.deliverability.AuthResult;
import dev.postino.core.deliverability.SenderAuthentication;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsServer;

class SenderVerifierTest {
    private static final DnsZone ZONE = new DnsZone();
    private static ScriptedDnsServer dns;
    private static SenderVerifier verifier;

    @BeforeAll
    static void start() throws Exception {
        dns = new ScriptedDnsServer(ZONE).start();
        verifier = new SenderVerifier(new TxtResolver(
            List.of(InetSocketAddress.createUnresolved("127.0.0.1", dns.port())), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void aLargeMessageIsVerifiedWithoutCopiesOfIt() throws Exception {
        // 25 MB messages on 20 spool threads at once: each copy of a message is half a gigabyte of heap.
        String line = "x".repeat(98) + "\r\n";
        StringBuilder raw = new StringBuilder("DKIM-Signature: v=1; a=rsa-sha256; d=x.test; s=s; h=from; bh=AAAA; b=AAAA\r\n"
            + "From: a@x.test\r\nSubject: big\r\n\r\n");
        while (raw.length() < 20_000_000) {
            raw.append(line);
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.toString().getBytes(StandardCharsets.US_ASCII)));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());

        verifier.verify(message, "127.0.0.1", "a@x.test", "helo.x.test", Optional.of("x.test"));

        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        // Was 132 MB (6.6 times the message). This plain javax.mail message is copied once by James's
        // MimeMessageInputStream; a received one (MimeMessageWrapper) is streamed from its source.
        assertThat(allocated).as("bytes allocated to verify a 20 MB message").isLessThan(60_000_000L);
    }

    @Test
    void aMessageWithHundredsOfSignaturesCostsAFewKeyLookups() throws Exception {
        // Each signature names a domain of the sender's choosing, whose DNS may answer slowly:
        // 900 signatures were 900 key lookups on one spool thread (RFC 6376 §6.1 lets us stop).
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            raw.append("DKIM-Signature: v=1; a=rsa-sha256; d=d").append(i).append(".test; s=s; h=from; bh=AAAA; b=AAAA\r\n");
        }
        raw.append("From: a@x.test\r\nSubject: hello\r\n\r\nbody\r\n");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.toString().getBytes(StandardCharsets.US_ASCII)));
        ZONE.clearQueries();

        SenderAuthentication results = verifier.verify(message, "127.0.0.1", "a@x.test", "helo.x.test", Optional.of("x.test"));

        long keyLookups = ZONE.queries().stream().filter(query -> query.name().contains("._domainkey.")).count();
        assertThat(keyLookups).isBetween(1L, (long) SenderVerifier.MAX_SIGNATURES_VERIFIED);
        assertThat(results.toText()).doesNotContain("dkim=" + AuthResult.PASS.word());
    }
}
