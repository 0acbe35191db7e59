package dev.postino.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenerPortsTest {
    @TempDir
    Path home;

    private void smtpserver(String servers) throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/smtpserver.xml"), "<smtpservers>" + servers + "</smtpservers>");
    }

    @Test
    void aTakenPortIsNamedWithItsFile() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            smtpserver("<smtpserver enabled=\"true\"><bind>127.0.0.1:" + port + "</bind></smtpserver>");

            assertThatThrownBy(() -> ListenerPorts.checkFree(home))
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + " (conf/smtpserver.xml <bind>): ");
        }
    }

    @Test
    void disabledServersAndCommentedBindsAreNotChecked() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            smtpserver("<smtpserver enabled=\"false\"><bind>127.0.0.1:" + port + "</bind></smtpserver>"
                + "<smtpserver><!-- <bind>127.0.0.1:" + port + "</bind> --><bind>127.0.0.1:0</bind></smtpserver>");

            assertThatCode(() -> ListenerPorts.checkFree(home)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0:99999 | bad <bind> '0.0.0.0:99999' in conf/smtpserver.xml: port out of range",
        "0.0.0.0:smtp  | bad <bind> '0.0.0.0:smtp' in conf/smtpserver.xml: the port must be a number",
        "0.0.0.0       | bad <bind> '0.0.0.0' in conf/smtpserver.xml: host:port expected",
    })
    void aMalformedBindIsNamedWithItsFile(String bind, String message) throws Exception {
        smtpserver("<smtpserver><bind>" + bind + "</bind></smtpserver>");

        assertThatThrownBy(() -> ListenerPorts.checkFree(home)).hasMessageStartingWith(message);
    }
}
