package dev.postino.it.durable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.FreePorts;

// ./postino with a database it cannot open → exit 1 naming the URL, before James starts
class UnusableDataDirectoryTest {
    @Test
    void postgresThatDoesNotAnswerStopsStartUpNamingTheUrl() {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.take(1).get(0) + "/postino";
        DurableHome home = DurableHome.create("no-postgres").confFile("james-database.properties",
            "database.driverClassName=org.postgresql.Driver\ndatabase.url=" + url + "\n"
                + "database.username=postino\ndatabase.password=x\n");

        ServerProcess.Finished refusal = ServerProcess.startExpectingRefusal(home);

        assertThat(refusal.exitCode()).isEqualTo(1);
        assertThat(refusal.output()).contains("postino: cannot open the database " + url);
    }

    @Test
    void derbyDirectoryThatCannotBeCreatedStopsStartUpNamingIt() {
        DurableHome home = DurableHome.create("bad-derby").confFile("james-database.properties",
            "database.driverClassName=org.apache.derby.jdbc.EmbeddedDriver\n"
                + "database.url=jdbc:derby:/proc/postino/derby;create=true\n");

        ServerProcess.Finished refusal = ServerProcess.startExpectingRefusal(home);

        assertThat(refusal.exitCode()).isEqualTo(1);
        assertThat(refusal.output()).contains("postino: cannot open the database jdbc:derby:/proc/postino/derby");
    }
}
