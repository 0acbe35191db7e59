package dev.postino.it.durable;

import org.junit.jupiter.api.Test;

// dave → durable Postino(25) → bob's INBOX + Junk (Sieve) ; SIGTERM ; start → same UIDs, SEARCH finds them (embedded Derby)
class MailboxSurvivesRestartTest {
    @Test
    void domainUsersSieveAndMessagesSurviveSigterm() {
        RestartScenario.run(DurableHome.create("restart"));
    }
}
