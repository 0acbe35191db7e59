package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.RawSmtpClient;
import dev.postino.it.harness.RawSmtpClient.Reply;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// stranger → a.test(25) [smuggling, over-long lines, 5000 header fields, 10,000 RCPTs, NUL, 8-bit, broken MIME, silence, 21 connections]
//   → a precise reply, at most one message in bob's INBOX, and the next ordinary mail still arrives
class HostileInputTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("hostile").dns(new ScriptedDnsService(new DnsZone()))
            // Port 25 (the first listener) closes idle connections after 2 s instead of 300 s.
            .editConf("smtpserver.xml", xml -> xml.replaceFirst(
                "<connectiontimeout>300</connectiontimeout>", "<connectiontimeout>2</connectiontimeout>"))
            .build().start();
        james.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    /** Whatever a test did, the server still takes an ordinary mail and no mailet failed. */
    @AfterEach
    void theServerStaysHealthy() {
        String subject = "ordinary " + UUID.randomUUID();
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send(Messages.simple("stranger@outside.test", "bob@a.test", subject, "hello") + ".\r\n");
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        awaitInInbox(m -> m.contains("Subject: " + subject));
        assertThat(james.webadmin().get("/mailRepositories/var%2Fmail%2Ferror/mails"))
            .as("no mail ended in the error repository (a mailet failed)").isEqualTo("[]");
    }

    /** Port 25, greeting read, EHLO, MAIL from a stranger, RCPT bob@a.test. */
    private static RawSmtpClient openTransaction() {
        RawSmtpClient smtp = RawSmtpClient.connect(james.smtpPort());
        assertThat(smtp.reply().code()).isEqualTo(220);
        assertThat(smtp.command("EHLO stranger.outside.test").code()).isEqualTo(250);
        assertThat(smtp.command("MAIL FROM:<stranger@outside.test>").code()).isEqualTo(250);
        assertThat(smtp.command("RCPT TO:<bob@a.test>").code()).isEqualTo(250);
        return smtp;
    }

    private static List<String> bobsInbox() {
        return MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", "INBOX");
    }

    private static String awaitInInbox(Predicate<String> wanted) {
        return await().atMost(WAIT).until(HostileInputTest::bobsInbox, l -> l.stream().anyMatch(wanted))
            .stream().filter(wanted).findFirst().orElseThrow();
    }

    private static String headerSection(String message) {
        return message.split("\r\n\r\n", 2)[0];
    }

    private static String header(String subject) {
        return "From: stranger@outside.test\r\nTo: bob@a.test\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <" + UUID.randomUUID() + "@outside.test>\r\n";
    }

    // CVE-2023-51747 and its kin (SEC Consult, "SMTP smuggling", 2023): an end-of-data the
    // server reads differently from the sender's MTA would start a second, forged message.
    // James 3.8.1 refuses any bare LF in DATA with 500 and closes; a bare CR is message content.
    @ParameterizedTest(name = "end of data smuggled as {0}")
    @ValueSource(strings = {"\\n.\\r\\n", "\\n.\\n", "\\r\\n.\\n", "\\n.\\r", "\\r\\n.\\r", "\\r.\\r", "\\r.\\r\\n"})
    void smuggledEndOfDataNeverStartsASecondMessage(String escaped) {
        String sequence = escaped.replace("\\r", "\r").replace("\\n", "\n");
        String id = UUID.randomUUID().toString();
        String payload = header("carrier " + id) + "\r\nfirst part" + sequence
            + "MAIL FROM:<ceo@a.test>\r\nRCPT TO:<bob@a.test>\r\nDATA\r\n"
            + header("smuggled " + id) + "\r\nsmuggled body\r\n.\r\n";
        List<Reply> replies;
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send(payload + "NOOP\r\nQUIT\r\n");
            replies = smtp.repliesUntilClosed();
        }
        boolean bareLf = sequence.replace("\r\n", "").contains("\n");
        if (bareLf) {
            assertThat(replies).as("bare LF: refused, connection closed")
                .containsExactly(new Reply(500, "5.0.0 line delimiter must be CRLF"));
        } else {
            // One message, then our NOOP and QUIT: the smuggled MAIL, RCPT and DATA were content.
            assertThat(replies).extracting(Reply::code).containsExactly(250, 250, 221);
            awaitInInbox(m -> m.contains("carrier " + id));
        }
        List<String> inbox = bobsInbox();
        assertThat(inbox.stream().filter(m -> headerSection(m).contains("Subject: smuggled " + id)))
            .as("a second message was smuggled").isEmpty();
        assertThat(inbox.stream().filter(m -> m.contains(id))).hasSize(bareLf ? 0 : 1);
    }

    /**
     * A line over James's 8192-octet limit (RefuseLongLines): the whole message is refused with
     * one reply at its dot, nothing is stored, and the session goes on (the next transaction in
     * the same connection is delivered). James alone answered {@code 500} at the line, then
     * {@code 250} for the rest of the message, stored without that line.
     */
    @ParameterizedTest(name = "a line of {0} octets in the {1}")
    @CsvSource({"1048576, header", "8193, header", "9000, body"})
    void aMessageWithAnOverlongLineIsRefusedWholeWithOneReply(int octets, String where) {
        String id = UUID.randomUUID().toString();
        String line = "header".equals(where) ? "X-Huge: " + "a".repeat(octets - 8) : "b".repeat(octets);
        String message = "header".equals(where)
            ? header("huge " + id) + line + "\r\n\r\nbody\r\n"
            : header("huge " + id) + "\r\nbody\r\n" + line + "\r\nlast line\r\n";
        String next = UUID.randomUUID().toString();
        List<Reply> replies;
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            // The whole message, the dot and the next transaction at once, as a client that does not read.
            smtp.send(message + ".\r\nMAIL FROM:<stranger@outside.test>\r\nRCPT TO:<bob@a.test>\r\nDATA\r\n");
            replies = new ArrayList<>(List.of(smtp.reply(), smtp.reply(), smtp.reply(), smtp.reply()));
            smtp.send(header("after huge " + next) + "\r\nbody\r\n.\r\nQUIT\r\n");
            replies.addAll(smtp.repliesUntilClosed());
        }
        assertThat(replies).extracting(Reply::code).containsExactly(554, 250, 250, 354, 250, 221);
        assertThat(replies.get(0).text()).isEqualTo("5.6.0 Message refused: a line is too long");
        awaitInInbox(m -> m.contains("after huge " + next));
        assertThat(bobsInbox()).noneMatch(m -> m.contains("huge " + id));
    }

    /**
     * Thousands of header fields (RefuseLargeHeaders): {@code 552 5.3.4} at the dot, nothing stored,
     * the session goes on. Taken before, 5000 distinct {@code X-Spam-N} fields held a spool thread
     * for seconds in RemoveForgedSpamHeaders (javax.mail walks every field for each name removed).
     */
    @Test
    void aMessageWithThousandsOfHeaderFieldsIsRefusedAtItsDot() {
        String id = UUID.randomUUID().toString();
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            fields.append("X-Spam-").append(i).append(": forged\r\n");
        }
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send(header("many fields " + id) + fields + "\r\nbody\r\n.\r\n");
            Reply reply = smtp.reply();
            assertThat(reply.code()).as("%s", reply).isEqualTo(552);
            assertThat(reply.text()).isEqualTo("5.3.4 Message header too large");
            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(bobsInbox()).noneMatch(m -> m.contains("many fields " + id));
    }

    /** Up to the limit, a long line is content like any other and arrives whole. */
    @Test
    void aLineOf8192OctetsArrivesWhole() {
        String id = UUID.randomUUID().toString();
        String line = "c".repeat(8192);
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send(header("long " + id) + "\r\n" + line + "\r\n.\r\n");
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        assertThat(awaitInInbox(m -> m.contains("long " + id))).contains("\r\n" + line + "\r\n");
    }

    @Test
    void tenThousandRecipientsAreCutAtOneThousandWith452_4_5_3() {
        List<Reply> refused = new ArrayList<>();
        int accepted = 0;
        try (RawSmtpClient smtp = openTransaction()) {
            accepted++; // openTransaction's RCPT
            for (int i = 1; i < 10_000; i++) {
                Reply reply = smtp.command("RCPT TO:<bob@a.test>");
                if (reply.code() == 250) {
                    accepted++;
                } else {
                    refused.add(reply);
                }
            }
            assertThat(smtp.command("RSET").code()).isEqualTo(250);
            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(accepted).isEqualTo(1000);
        assertThat(refused).hasSize(9000).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(452);
            assertThat(r.text()).startsWith("4.5.3");
        });
        System.out.println("10,000 RCPT → 1000 × 250, 9000 × " + refused.get(0));
    }

    @Test
    void aRecipientGivenTwiceGetsTheMessageOnce() {
        String id = UUID.randomUUID().toString();
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("RCPT TO:<bob@a.test>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<BOB@a.test>").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send(header("twice " + id) + "\r\nbody\r\n.\r\n");
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        awaitInInbox(m -> m.contains(id));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
            .until(() -> bobsInbox().stream().filter(m -> m.contains(id)).count() == 1);
    }

    @Test
    void nulBytesAreTakenAsContent() {
        String id = UUID.randomUUID().toString();
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send((header("nul " + id) + "X-Nul: a\0b\r\n\r\nbody with a \0 inside\r\n.\r\n")
                .getBytes(StandardCharsets.UTF_8));
            Reply reply = smtp.reply();
            assertThat(reply.code()).isEqualTo(250);
            assertThat(reply.text()).startsWith("2.6.0");
        }
        awaitInInbox(m -> m.contains(id));
    }

    /**
     * 8-bit header octets without SMTPUTF8 (EncodeEightBitHeaders): the mailbox holds RFC 2047
     * encoded-words, so an IMAP client shows what the sender wrote. James alone wrote them back
     * as US-ASCII once a mailet touched the headers: {@code Gr????e}.
     */
    @Test
    void eightBitHeadersWithoutSmtputf8ReachTheMailboxReadable() throws Exception {
        String id = UUID.randomUUID().toString();
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send("From: Jörg Müller <stranger@outside.test>\r\nTo: bob@a.test\r\nSubject: Grüße " + id
                + "\r\n\r\nSchöne Grüße\r\n.\r\n");
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        String received = awaitInInbox(m -> m.contains(id));
        assertThat(received).contains("Schöne Grüße");
        assertThat(headerSection(received).chars()).as("header section is 7-bit").allMatch(c -> c < 0x80);
        MimeMessage read = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(received.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.getSubject()).isEqualTo("Grüße " + id);
        assertThat(((InternetAddress) read.getFrom()[0]).getPersonal()).isEqualTo("Jörg Müller");
        assertThat(((InternetAddress) read.getFrom()[0]).getAddress()).isEqualTo("stranger@outside.test");
    }

    @Test
    void malformedMimeAndUnknownCharsetsReachTheMailbox() {
        String id = UUID.randomUUID().toString();
        String message = header("broken mime " + id)
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"never-closed\"\r\n"
            + "Content-Transfer-Encoding: x-bogus\r\n\r\n"
            + "--never-closed\r\n"
            + "Content-Type: text/plain; charset=x-no-such-charset\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + "!!!not base64!!!\r\n"
            + "--never-closed\r\n"
            + "Content-Type: multipart/alternative; boundary=\r\n\r\n"
            + "=?utf-8?B?broken?= =?x-unknown?Q?x?=\r\n"
            + "--never-closed\r\n"
            + "Content-Type: message/rfc822\r\n\r\n"
            + "not: really\r\na message\r\n";
        try (RawSmtpClient smtp = openTransaction()) {
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send(message + ".\r\n");
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        assertThat(awaitInInbox(m -> m.contains(id))).contains("!!!not base64!!!");
    }

    @Test
    void aClientThatFallsSilentMidCommandIsDisconnectedByTheTimeout() {
        try (RawSmtpClient smtp = RawSmtpClient.connect(james.smtpPort())) {
            assertThat(smtp.reply().code()).isEqualTo(220);
            smtp.send("EHLO slow");
            long start = System.nanoTime();
            assertThat(smtp.closedByServerWithin(Duration.ofSeconds(20)))
                .as("connectiontimeout 2 s closes the connection").isTrue();
            System.out.println("silent client closed after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        }
    }

    @Test
    void theTwentyFirstConnectionFromOneAddressIsRefused() {
        List<RawSmtpClient> open = new ArrayList<>();
        try {
            // Connections of earlier tests may still be counted for a moment after they closed.
            await().atMost(WAIT).untilAsserted(() -> {
                open.forEach(RawSmtpClient::close);
                open.clear();
                for (int i = 0; i < 20; i++) {
                    RawSmtpClient smtp = RawSmtpClient.connect(james.smtpPort());
                    open.add(smtp);
                    assertThat(smtp.reply().code()).as("connection %d of 20", i + 1).isEqualTo(220);
                }
            });
            try (RawSmtpClient extra = RawSmtpClient.connect(james.smtpPort())) {
                Reply reply = extra.reply();
                System.out.println("21st connection → " + reply);
                assertThat(reply.closed()).as("the 21st connection: %s", reply).isTrue();
            }
            // The 20 still work.
            assertThat(open.get(19).command("NOOP").code()).isEqualTo(250);
        } finally {
            open.forEach(RawSmtpClient::close);
        }
        // Once they are gone, a new one is served again.
        await().atMost(WAIT).untilAsserted(() -> {
            try (RawSmtpClient again = RawSmtpClient.connect(james.smtpPort())) {
                assertThat(again.reply().code()).isEqualTo(220);
            }
        });
    }
}
