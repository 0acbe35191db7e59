package dev.postino.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    private static final Path HOME = Path.of("/srv/postino");

    private static DatabaseSettings parse(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return DatabaseSettings.parse(properties, HOME, "james-database.properties");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:derby:var/store/derby;create=true      | jdbc:derby:/srv/postino/var/store/derby;create=true",
        "jdbc:derby:../data/derby                    | jdbc:derby:/srv/data/derby",
        "jdbc:derby:/var/lib/postino/derby           | jdbc:derby:/var/lib/postino/derby",
        "jdbc:derby:memory:test;create=true          | jdbc:derby:memory:test;create=true",
        "jdbc:postgresql://db:5432/postino           | jdbc:postgresql://db:5432/postino",
    })
    void relativeDerbyPathsAreResolvedAgainstTheWorkingDirectory(String url, String resolved) {
        assertThat(DatabaseSettings.resolveDerbyPath(url, HOME)).isEqualTo(resolved);
    }

    @Test
    void everyDocumentedKeyByItsLiteralName() throws IOException {
        DatabaseSettings settings = parse("database.driverClassName=org.postgresql.Driver\n"
            + "database.url=jdbc:postgresql://127.0.0.1/postino\n"
            + "database.username=postino\n"
            + "database.password=secret\n"
            + "openjpa.ConnectionProperties=MaxTotal=20\n");

        assertThat(settings.openJpaProperties())
            .containsEntry("openjpa.ConnectionDriverName", "org.postgresql.Driver")
            .containsEntry("openjpa.ConnectionURL", "jdbc:postgresql://127.0.0.1/postino")
            .containsEntry("openjpa.ConnectionUserName", "postino")
            .containsEntry("openjpa.ConnectionPassword", "secret")
            .containsEntry("openjpa.ConnectionProperties", "MaxTotal=20");
        assertThat(settings.isEmbeddedDerby()).isFalse();
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertThatThrownBy(() -> parse("database.driverClassName=x\ndatabase.url=jdbc:x\ndatabase.user=bob\n"))
            .hasMessageContaining("unknown key(s) [database.user]");
    }

    @Test
    void aPasswordWithoutAUsernameIsRefusedNotIgnored() {
        assertThatThrownBy(() -> parse("database.driverClassName=org.postgresql.Driver\n"
            + "database.url=jdbc:postgresql://127.0.0.1/postino\ndatabase.password=secret\n"))
            .hasMessageContaining("james-database.properties: database.password is set without database.username");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db/postino?user=postino&password=s3cret&ssl=true | jdbc:postgresql://db/postino?user=postino&password=***&ssl=true",
        "jdbc:derby:var/store/derby;user=a;password=s3cret;create=true     | jdbc:derby:/srv/postino/var/store/derby;user=a;password=***;create=true",
        "jdbc:mysql://postino:s3cret@db/postino                          | jdbc:mysql://postino:***@db/postino",
    })
    void aPasswordInTheUrlIsMaskedWhereverTheUrlIsShown(String url, String shown) throws IOException {
        assertThat(parse("database.driverClassName=x\ndatabase.url=" + url + "\n").displayUrl()).isEqualTo(shown);
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsNamedWithoutItsPassword() throws IOException {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        DatabaseSettings settings = parse("database.driverClassName=org.postgresql.Driver\n"
            + "database.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/postino?user=postino&password=s3cret\n");

        assertThatThrownBy(() -> DatabaseCheck.open(settings))
            .hasMessageContaining("cannot open the database jdbc:postgresql://127.0.0.1:" + closedPort
                + "/postino?user=postino&password=***")
            .hasMessageNotContaining("s3cret");
    }

    @Test
    void theUrlIsRequired() {
        assertThatThrownBy(() -> parse("database.driverClassName=x\n"))
            .hasMessageContaining("database.url is required");
    }
}
