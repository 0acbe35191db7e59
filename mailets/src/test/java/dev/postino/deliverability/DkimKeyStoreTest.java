package dev.postino.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeyStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void createsAPrivateKeyFileAndReadsItBackOnAnotherStore() throws Exception {
        DkimKey created = new DkimKeyStore(dir, CLOCK).create("a.test");

        assertThat(created.selector()).isEqualTo("postino202611");
        assertThat(created.bits()).isEqualTo(2048);
        assertThat(Files.getPosixFilePermissions(dir.resolve("a.test.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("a.test.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        DkimKey read = new DkimKeyStore(dir, CLOCK).key("a.test").orElseThrow();
        assertThat(read.publicKey()).isEqualTo(created.publicKey());
        assertThat(read.selector()).isEqualTo("postino202611");
    }

    @Test
    void keepsAnExistingKey() throws Exception {
        DkimKeyStore store = new DkimKeyStore(dir, CLOCK);
        DkimKey first = store.create("a.test");

        assertThatThrownBy(() -> store.create("a.test")).isInstanceOf(DkimKeyStore.KeyExists.class)
            .hasMessage("domain a.test already has a DKIM key");
        assertThat(store.key("a.test").orElseThrow().publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void namesThatAreNotDomainsNeverBecomePaths() {
        DkimKeyStore store = new DkimKeyStore(dir, CLOCK);

        assertThat(store.key("../etc/passwd")).isEmpty();
        assertThat(store.key("A.TEST")).isEmpty();
        assertThatThrownBy(() -> store.create("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDamagedKeyFileIsAnErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve("b.test.pem"), "not a key");
        Files.writeString(dir.resolve("b.test.selector"), "s1\n");

        assertThatThrownBy(() -> new DkimKeyStore(dir, CLOCK).key("b.test"))
            .hasMessageContaining("b.test.pem");
    }
}
