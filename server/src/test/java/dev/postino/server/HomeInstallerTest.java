package dev.postino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeInstallerTest {
    @TempDir
    Path tmp;

    @Test
    void installsConfWithRewrittenPortsAndTheJarInExtensionsJars() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(conf.resolve("smtpserver.xml"),
            "<smtpservers><smtpserver><bind>0.0.0.0:25</bind></smtpserver>"
                + "<smtpserver><bind>0.0.0.0:587</bind></smtpserver></smtpservers>");
        Files.writeString(conf.resolve("webadmin.properties"), "enabled=true\nport=8000\nhost=127.0.0.1\n");
        Path jar = Files.writeString(tmp.resolve("postino-1.jar"), "jar");
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("extensions-jars"));
        Files.writeString(home.resolve("extensions-jars/postino-0.jar"), "old");

        HomeInstaller.install(conf, jar, PortPlan.of(Map.of(25, 2525, 8000, 18000)), home);

        assertThat(Files.readString(home.resolve("conf/smtpserver.xml")))
            .contains("<bind>0.0.0.0:2525</bind>").contains("<bind>0.0.0.0:587</bind>");
        assertThat(HomeInstaller.webadminPort(home)).isEqualTo(18000);
        assertThat(home.resolve("extensions-jars/postino-1.jar")).exists();
        assertThat(home.resolve("extensions-jars/postino-0.jar")).as("an older Postino jar is replaced").doesNotExist();
        assertThat(home.resolve("var/log")).isDirectory();
    }

    @Test
    void memoryStorageGetsMemoryRepositoriesDurableKeepsJpa() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(conf.resolve("mailetcontainer.xml"),
            "<m><errorRepository>jpa://var/mail/error/</errorRepository></m>");
        Files.writeString(conf.resolve("mailrepositorystore.xml"),
            "<s><defaultProtocol>jpa</defaultProtocol></s>");
        Path jar = Files.writeString(tmp.resolve("postino-1.jar"), "jar");

        HomeInstaller.install(conf, jar, PortPlan.standard(), tmp.resolve("memory"), Storage.MEMORY);
        HomeInstaller.install(conf, jar, PortPlan.standard(), tmp.resolve("durable"), Storage.DURABLE);

        assertThat(Files.readString(tmp.resolve("memory/conf/mailetcontainer.xml"))).contains("memory://var/mail/error/");
        assertThat(Files.readString(tmp.resolve("memory/conf/mailrepositorystore.xml")))
            .contains("<defaultProtocol>memory</defaultProtocol>");
        assertThat(Files.readString(tmp.resolve("durable/conf/mailetcontainer.xml"))).contains("jpa://var/mail/error/");
    }

    @Test
    void confAndVarAreReadableByTheServersUserOnly() throws Exception {
        // conf/ holds the keystore's private key (its password is in the README) and the database
        // password; var/ holds every mailbox and queued mail.
        Path conf = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(conf.resolve("james-database.properties"), "database.password=secret\n");
        Path jar = Files.writeString(tmp.resolve("postino-1.jar"), "jar");
        Path home = tmp.resolve("home");
        // A working directory laid out by an earlier version, open to everyone.
        Files.createDirectories(home.resolve("conf"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(home.resolve("var"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        HomeInstaller.install(conf, jar, PortPlan.standard(), home);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("conf")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("var")))).isEqualTo("rwx------");
    }

    @Test
    void brokenXmlStopsTheInstallNamingFileAndLine() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(conf.resolve("domainlist.xml"), "<?xml version=\"1.0\"?>\n<!-- a -- b -->\n<domainlist/>");
        Path jar = Files.writeString(tmp.resolve("postino-1.jar"), "jar");

        assertThatThrownBy(() -> HomeInstaller.install(conf, jar, PortPlan.standard(), tmp.resolve("home")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("domainlist.xml:2");
    }

    @Test
    void missingJarIsNamed() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("src"));
        assertThatThrownBy(() -> HomeInstaller.install(conf, tmp.resolve("nope.jar"), PortPlan.standard(), tmp))
            .hasMessageContaining("nope.jar");
    }
}
