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

    @Test
    void theUrlIsRequired() {
        assertThatThrownBy(() -> parse("database.driverClassName=x\n"))
            .hasMessageContaining("database.url is required");
    }
}
