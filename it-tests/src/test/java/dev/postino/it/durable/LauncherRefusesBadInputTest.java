package dev.postino.it.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

// ./postino with input James would choke on after the launcher accepted it → exit 1, one line naming it
class LauncherRefusesBadInputTest {
    // ./postino --user 'car ol@a.test:pw' → webadmin 400 "Invalid username" → exit 1 naming --user, server stopped
    @Test
    void aUserNameJamesRefusesStopsTheServerNamingTheOption() {
        DurableHome home = DurableHome.create("bad-user");

        ServerProcess.Finished refusal = ServerProcess.startExpectingRefusal(home, "--user", "car ol@a.test:pw");

        assertThat(refusal.exitCode()).isEqualTo(1);
        assertThat(refusal.output()).contains("postino: --user car ol@a.test: webadmin refused user car ol@a.test: HTTP 400");
    }

    // ./postino while something else holds the SMTP port → exit 1 naming the port and the file, before James starts
    @Test
    void aTakenPortStopsStartUpNamingPortAndFile() throws Exception {
        DurableHome home = DurableHome.create("port-taken");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", home.smtpPort()));

            ServerProcess.Finished refusal = ServerProcess.startExpectingRefusal(home);

            assertThat(refusal.exitCode()).isEqualTo(1);
            assertThat(refusal.output())
                .contains("postino: cannot listen on 0.0.0.0:" + home.smtpPort() + " (conf/smtpserver.xml <bind>)")
                .doesNotContain("Fatal error while starting James");
        }
    }

    // ./postino --conf DIR with a typo in DIR/james-database.properties → the error names DIR's file, the one to edit
    // (not the copy in the working directory, which the next start overwrites)
    @Test
    void aBadDatabaseKeyIsNamedInTheFileTheAdministratorEdits() {
        DurableHome home = DurableHome.create("bad-db-key").confFile("james-database.properties",
            "database.driverClassName=org.postgresql.Driver\ndatabase.url=jdbc:postgresql://127.0.0.1/postino\n"
                + "database.user=postino\n");

        ServerProcess.Finished refusal = ServerProcess.startExpectingRefusal(home);

        assertThat(refusal.exitCode()).isEqualTo(1);
        assertThat(refusal.output())
            .contains("postino: " + home.conf().resolve("james-database.properties") + ": unknown key(s) [database.user]");
    }
}
