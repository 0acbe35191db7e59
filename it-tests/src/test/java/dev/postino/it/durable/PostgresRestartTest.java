package dev.postino.it.durable;

import org.junit.jupiter.api.Test;

// dave → durable Postino(25) on PostgreSQL → bob's INBOX + Junk ; SIGTERM ; start → same UIDs, SEARCH finds them
class PostgresRestartTest {
    @Test
    void domainUsersSieveAndMessagesSurviveSigtermOnPostgres() {
        try (TemporaryPostgres postgres = TemporaryPostgres.start()) {
            DurableHome home = DurableHome.create("postgres")
                .confFile("james-database.properties", postgres.databaseProperties());
            RestartScenario.run(home);
        }
    }
}
