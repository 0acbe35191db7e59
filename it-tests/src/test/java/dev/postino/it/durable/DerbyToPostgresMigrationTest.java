package dev.postino.it.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// Postino on Derby [b.test: bob (Sieve, INBOX, Junk), carol; a.test: alice, her mail to c.test queued, MX down] → SIGTERM
//   → postino migrate --to PostgreSQL → start on PostgreSQL → same users, UIDs, SEARCH, Sieve; MX up → the queued mail arrives
class DerbyToPostgresMigrationTest {
    private static final String MIGRATE = "dev.postino.server.MigrateMain";

    @Test
    void domainsUsersMailboxesAndQueuedMailMoveFromDerbyToPostgres() throws IOException {
        try (MxLab lab = MxLab.start(); TemporaryPostgres postgres = TemporaryPostgres.start()) {
            lab.zone().mx("c.test", 10, "mx.c.test").a("mx.c.test", "127.0.0.2");
            DurableHome home = DurableLab.home("migrate", lab,
                "<retrySchedule>2s</retrySchedule><retryJitter>0</retryJitter><deadHostTime>0</deadHostTime>"
                    + "<delayWarningAfter>0</delayWarningAfter><maxQueueLifetime>1h</maxQueueLifetime>");
            Path target = home.home().resolveSibling("postgres-database.properties");
            Files.writeString(target, postgres.databaseProperties());

            RestartScenario.Snapshot before;
            try (ServerProcess derby = home.start()) {
                ServerProcess.Finished whileRunning = migrate(home, target);
                assertThat(whileRunning.exitCode()).as(whileRunning.output()).isEqualTo(1);
                assertThat(whileRunning.output()).contains("another Postino server is running on " + home.home());

                before = RestartScenario.populate(home);
                home.webadmin().addDomain("a.test");
                home.webadmin().addUser("alice@a.test", "alice-secret");
                SmtpSession.submit(home.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test",
                    List.of("carol@c.test"), Messages.simple("alice@a.test", "carol@c.test", "queued across the move", "body"));
                await("alice's mail waiting for c.test").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> DurableLab.queueSize(home, "spool") == 0
                        && DurableLab.queueSize(home, "postino-outgoing") == 1);
                derby.stop();
            }

            ServerProcess.Finished migrated = migrate(home, target);
            System.out.println(migrated.output());
            assertThat(migrated.exitCode()).as(migrated.output()).isZero();
            assertThat(migrated.output())
                .containsPattern("JAMES_DOMAIN\\s+[1-9]\\d* rows")
                .containsPattern("JAMES_USER\\s+3 rows")
                .containsPattern("JAMES_MAILBOX\\s+[1-9]\\d* rows")
                .containsPattern("JAMES_MAIL\\s+2 rows")
                .containsPattern("JAMES_SIEVE_SCRIPT\\s+1 rows");

            ServerProcess.Finished again = migrate(home, target);
            assertThat(again.exitCode()).as("a second copy into the same database").isEqualTo(1);
            assertThat(again.output()).contains("the target database is not empty");

            home.confFile("james-database.properties", postgres.databaseProperties());
            try (ServerProcess onPostgres = home.start()) {
                assertThat(onPostgres.output()).contains("storage durable");
                RestartScenario.verify(home, before);
                assertThat(home.webadmin().get("/domains")).contains("a.test");
                assertThat(home.webadmin().get("/users")).contains("alice@a.test");

                ScriptedSmtpPeer mx = lab.peer("127.0.0.2");
                List<RecordedMessage> arrived = mx.awaitMessages(1, Duration.ofSeconds(90));
                assertThat(arrived).singleElement()
                    .satisfies(m -> assertThat(m.content()).contains("Subject: queued across the move"));
            }
        }
    }

    private static ServerProcess.Finished migrate(DurableHome home, Path target) {
        return ServerProcess.runTool(home, MIGRATE, "--home", home.home().toString(), "--to", target.toString());
    }
}
