package dev.postino.it.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.postino.it.harness.FreePorts;
import dev.postino.server.HomeInstaller;
import dev.postino.server.PortPlan;
import dev.postino.server.Storage;
import dev.postino.server.WebadminClient;

/**
 * One working directory for a durable server started and stopped several times, plus the
 * configuration directory the launcher installs from on every start ({@code --conf}): our
 * conf/ with random free ports written in, editable per test.
 */
final class DurableHome {
    private static final Path CONF = Path.of(System.getProperty("postino.conf", "../conf"));
    static final Path JAR = Path.of(System.getProperty("postino.jar", "missing-postino.jar"));

    private final Path home;
    private final Path conf;
    private final PortPlan ports;

    private DurableHome(Path home, Path conf, PortPlan ports) {
        this.home = home;
        this.conf = conf;
        this.ports = ports;
    }

    static DurableHome create(String name) {
        try {
            Path root = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "durable-homes")).toAbsolutePath(), name + "-");
            List<Integer> free = FreePorts.take(8);
            PortPlan ports = PortPlan.of(Map.of(
                PortPlan.SMTP, free.get(0), PortPlan.SUBMISSION, free.get(1), PortPlan.SUBMISSIONS, free.get(2),
                PortPlan.IMAP, free.get(3), PortPlan.IMAPS, free.get(4), PortPlan.POP3, free.get(5),
                PortPlan.POP3S, free.get(6), PortPlan.WEBADMIN, free.get(7)));
            // The installer writes the ports into a staged conf/; the launcher then installs that
            // staged conf/ (with --ports standard, i.e. unchanged) into the real home on each start.
            Path stage = root.resolve("stage");
            HomeInstaller.install(CONF, JAR, ports, stage, Storage.DURABLE);
            return new DurableHome(root.resolve("home"), stage.resolve("conf"), ports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Edits one file of the configuration the next start installs; the edit must change something. */
    DurableHome editConf(String file, UnaryOperator<String> edit) {
        try {
            Path path = conf.resolve(file);
            String before = Files.readString(path);
            String after = edit.apply(before);
            if (after.equals(before)) {
                throw new IllegalStateException("conf edit of " + file + " changed nothing");
            }
            Files.writeString(path, after);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DurableHome confFile(String file, String content) {
        try {
            Files.writeString(conf.resolve(file), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServerProcess start() {
        return ServerProcess.start(this);
    }

    Path home() {
        return home;
    }

    Path conf() {
        return conf;
    }

    int smtpPort() {
        return ports.actual(PortPlan.SMTP);
    }

    int submissionPort() {
        return ports.actual(PortPlan.SUBMISSION);
    }

    int imapPort() {
        return ports.actual(PortPlan.IMAP);
    }

    int webadminPort() {
        return ports.actual(PortPlan.WEBADMIN);
    }

    WebadminClient webadmin() {
        return new WebadminClient(ports.actual(PortPlan.WEBADMIN));
    }
}
