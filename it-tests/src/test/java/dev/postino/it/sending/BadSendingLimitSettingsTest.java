package dev.postino.it.sending;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// postino.properties sending.limit.messages-per-hour=lots → James does not start, naming the key;
// a broken var/postino/sending-limits.json → does not start, naming the file and the field
class BadSendingLimitSettingsTest {
    @Test
    void aMalformedValueStopsStartUpNamingTheKey() {
        PostinoJames james = PostinoJames.builder().name("bad-sending-key").dns(new ScriptedDnsService(new DnsZone()))
            .confFile("postino.properties", "sending.limit.messages-per-hour=lots\n").build();
        try {
            assertThatThrownBy(james::start)
                .hasStackTraceContaining("bad value for sending.limit.messages-per-hour='lots'");
        } finally {
            james.close();
        }
    }

    @Test
    void aBrokenOverridesFileStopsStartUpNamingTheField() throws Exception {
        PostinoJames james = PostinoJames.builder().name("bad-sending-file").dns(new ScriptedDnsService(new DnsZone())).build();
        Path file = james.home().resolve("var/postino/sending-limits.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"users\": {\"alice@a.test\": {\"messagesPerHour\": -3}}}");
        try {
            assertThatThrownBy(james::start)
                .hasStackTraceContaining("sending-limits.json: users.alice@a.test.messagesPerHour: must be");
        } finally {
            james.close();
        }
    }
}
