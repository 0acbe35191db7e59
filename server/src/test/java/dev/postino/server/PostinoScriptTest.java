package dev.postino.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./postino} script's own options (--home, --conf), before any JVM starts. */
class PostinoScriptTest {
    private static final Path SCRIPT = Path.of("..", "postino").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static final class Run {
        private final int exitCode;
        private final String stderr;

        Run(int exitCode, String stderr) {
            this.exitCode = exitCode;
            this.stderr = stderr;
        }

        int exitCode() {
            return exitCode;
        }

        String stderr() {
            return stderr;
        }
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run(null, args);
    }

    private Run run(Path path, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("POSTINO_SKIP_BUILD", "1");
        if (path != null) {
            builder.environment().put("PATH", path + ":" + builder.environment().get("PATH"));
        }
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script ended").isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }

    @Test
    void homeWithoutValueIsNamed() throws Exception {
        Run run = run("--ports", "dev", "--home");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("--home needs a value\n");
    }

    @Test
    void confWithoutValueIsNamed() throws Exception {
        Run run = run("--conf");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("--conf needs a value\n");
    }

    @Test
    void aMissingConfDirectoryIsNamedAndNoHomeIsCreated() throws Exception {
        Run run = run("--home", dir.resolve("home").toString(), "--conf", dir.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("postino: --conf: configuration directory not found: " + dir.resolve("nope") + "\n");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void userPasswordsStayOffJavasCommandLine() throws Exception {
        // A stand-in java that records what the script would start the launcher with.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"),
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + dir.resolve("argv") + "\"\n"
                + "printf '%s' \"$POSTINO_USERS\" > \"" + dir.resolve("users") + "\"\n");
        java.toFile().setExecutable(true);

        Run run = run(bin, "--home", dir.resolve("home").toString(), "--ports", "dev",
            "--user", "alice@a.test:s3cret", "--user", "bob@a.test:pw");

        assertThat(run.exitCode()).isZero();
        String argv = Files.readString(dir.resolve("argv"));
        assertThat(argv).contains("--ports\ndev\n").doesNotContain("s3cret").doesNotContain("--user");
        assertThat(Files.readString(dir.resolve("users"))).isEqualTo("alice@a.test:s3cret\nbob@a.test:pw\n");
    }

    @Test
    void migrateLeavesAMistypedHomeUncreatedAndDoesNotSwallowConf() throws Exception {
        Run run = run("migrate", "--home", dir.resolve("typo").toString(), "--to", "pg.properties", "--conf", "c");
        assertThat(run.exitCode()).isNotZero();
        assertThat(dir.resolve("typo")).as("no working directory made for a migrate").doesNotExist();
        // Without a built launcher java cannot start; with one, MigrateMain names the option.
        if (Files.isRegularFile(SCRIPT.resolveSibling("server/target/postino-server-0.1.0-SNAPSHOT.jar"))) {
            assertThat(run.stderr()).contains("unknown option --conf");
        }
    }
}
