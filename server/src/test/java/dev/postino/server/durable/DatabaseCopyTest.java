package dev.postino.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DatabaseCopy} between in-memory Derby databases whose tables the server's mapping created. */
class DatabaseCopyTest {
    @BeforeAll
    static void derbyLogUnderTarget() {
        System.setProperty("derby.stream.error.file", "target/derby-copy-test.log");
    }

    private static DatabaseSettings memoryDerby() {
        Properties properties = new Properties();
        properties.setProperty("database.driverClassName", "org.apache.derby.jdbc.EmbeddedDriver");
        properties.setProperty("database.url", "jdbc:derby:memory:copy-" + UUID.randomUUID() + ";create=true");
        return DatabaseSettings.parse(properties, Path.of("/unused"), "test");
    }

    /** A database with the server's tables, as after its first start. */
    private static Connection postinoDatabase() throws SQLException {
        DatabaseSettings settings = memoryDerby();
        JpaStoreModule.open(settings).close();
        return settings.connect();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void copiesEveryRowAndReplacesTheTargetsIdAllocator() throws SQLException {
        try (Connection source = postinoDatabase(); Connection target = postinoDatabase()) {
            execute(source, "INSERT INTO JAMES_DOMAIN (DOMAIN_NAME) VALUES ('a.test'), ('b.test')");
            execute(source, "DELETE FROM OPENJPA_SEQUENCE_TABLE");
            execute(source, "INSERT INTO OPENJPA_SEQUENCE_TABLE (ID, SEQUENCE_VALUE) VALUES (0, 451)");
            execute(target, "DELETE FROM OPENJPA_SEQUENCE_TABLE");
            execute(target, "INSERT INTO OPENJPA_SEQUENCE_TABLE (ID, SEQUENCE_VALUE) VALUES (0, 1)");

            Map<String, Long> copied = DatabaseCopy.copy(source, target);

            assertThat(copied).containsEntry("JAMES_DOMAIN", 2L).containsEntry("OPENJPA_SEQUENCE_TABLE", 1L)
                .containsEntry("JAMES_USER", 0L);
            assertThat(column(target, "SELECT DOMAIN_NAME FROM JAMES_DOMAIN ORDER BY 1")).containsExactly("a.test", "b.test");
            assertThat(column(target, "SELECT SEQUENCE_VALUE FROM OPENJPA_SEQUENCE_TABLE")).containsExactly("451");
        }
    }

    @Test
    void aTargetHoldingDataIsRefusedAndLeftAsItWas() throws SQLException {
        try (Connection source = postinoDatabase(); Connection target = postinoDatabase()) {
            execute(source, "INSERT INTO JAMES_DOMAIN (DOMAIN_NAME) VALUES ('a.test')");
            execute(target, "INSERT INTO JAMES_DOMAIN (DOMAIN_NAME) VALUES ('z.test')");

            assertThatThrownBy(() -> DatabaseCopy.copy(source, target))
                .hasMessage("the target database is not empty (table JAMES_DOMAIN has 1 rows): migrate into a new, empty database");
            assertThat(column(target, "SELECT DOMAIN_NAME FROM JAMES_DOMAIN")).containsExactly("z.test");
        }
    }

    @Test
    void aSourceWithoutPostinoTablesIsRefused() throws SQLException {
        try (Connection source = memoryDerby().connect(); Connection target = postinoDatabase()) {
            assertThatThrownBy(() -> DatabaseCopy.copy(source, target))
                .hasMessageContaining("the source database has no JAMES_USER table");
        }
    }

    @Test
    void aTableTheTargetLacksIsNamed() throws SQLException {
        try (Connection source = postinoDatabase(); Connection target = postinoDatabase()) {
            execute(source, "CREATE TABLE LOCAL_EXTRA (ID INT)");

            assertThatThrownBy(() -> DatabaseCopy.copy(source, target))
                .hasMessage("table LOCAL_EXTRA of the source is missing in the target");
        }
    }
}
