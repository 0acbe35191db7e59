package dev.postino.it.durable;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's JVM ({@code dev.postino.server.PostinoServerMain}, classpath server/target/lib)
 * as a child process on a {@link DurableHome}: started, stopped with SIGTERM, or killed with
 * SIGKILL. Its output goes to {@code server-N.log} beside the home.
 */
final class ServerProcess implements AutoCloseable {
    /** Start-up on 2 busy cores can take a while; a hung start still fails. */
    static final Duration BOOT = Duration.ofSeconds(Long.getLong("postino.durable.boot.seconds", 180));
    private static final Pattern STARTED = Pattern.compile("Postino started in (\\d+) ms");

    private final Process process;
    private final Path log;
    private final long bootMillis;

    private ServerProcess(Process process, Path log, long bootMillis) {
        this.process = process;
        this.log = log;
        this.bootMillis = bootMillis;
    }

    static ServerProcess start(DurableHome home) {
        Launched launched = launch(home, serverCommand(home));
        Process process = launched.process();
        Path log = launched.log();
        await("durable server start (log " + log + ")")
            .atMost(BOOT).pollInterval(Duration.ofMillis(250))
            .failFast("the server exited during start-up, see " + log, () -> !process.isAlive())
            .until(() -> STARTED.matcher(read(log)).find());
        Matcher m = STARTED.matcher(read(log));
        m.find();
        ServerProcess server = new ServerProcess(process, log, Long.parseLong(m.group(1)));
        System.out.printf("durable server pid %d started in %d ms, RSS %d MB%n",
            process.pid(), server.bootMillis, server.rssKiB() / 1024);
        return server;
    }

    /** Starts a server (with extra launcher options) that must refuse to run; returns its output once it exited. */
    static Finished startExpectingRefusal(DurableHome home, String... launcherArgs) {
        List<String> command = new ArrayList<>(serverCommand(home));
        command.addAll(List.of(launcherArgs));
        return runToEnd(home, command, "the server did not refuse to start");
    }

    /** Runs another main class of the launcher on the home (e.g. MigrateMain) to its end. */
    static Finished runTool(DurableHome home, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(mainClass));
        command.addAll(List.of(args));
        return runToEnd(home, command, mainClass + " did not end");
    }

    private static Finished runToEnd(DurableHome home, List<String> command, String hung) {
        Launched launched = launch(home, command);
        Process process = launched.process();
        Path log = launched.log();
        try {
            if (!process.waitFor(BOOT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(hung + " within " + BOOT + ", see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Finished(process.exitValue(), read(log));
    }

    /** A process of the launcher that ended: its exit status and everything it printed. */
    record Finished(int exitCode, String output) {
    }

    private record Launched(Process process, Path log) {
    }

    private static List<String> serverCommand(DurableHome home) {
        return List.of(
            "-Dworking.directory=" + home.home(),
            "-Djames.exit.on.startup.error=true",
            "dev.postino.server.PostinoServerMain",
            "--home", home.home().toString(),
            "--conf", home.conf().toString(),
            "--jar", DurableHome.JAR.toAbsolutePath().toString());
    }

    /** {@code java -Xmx512m -cp SERVER [jvm options] main args}, output to the next server-N.log. */
    private static Launched launch(DurableHome home, List<String> mainCommand) {
        try {
            Files.createDirectories(home.home());
            Path logs = home.home().getParent();
            int n;
            try (DirectoryStream<Path> old = Files.newDirectoryStream(logs, "server-*.log")) {
                n = 1;
                for (Path ignored : old) {
                    n++;
                }
            }
            Path log = logs.resolve("server-" + n + ".log");
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", serverClasspath()));
            command.addAll(mainCommand);
            Process process = new ProcessBuilder(command)
                .directory(home.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            return new Launched(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the durable server", e);
        }
    }

    /** server/target/postino-server-*.jar and server/target/lib/*, as the postino script runs it. */
    private static String serverClasspath() throws IOException {
        Path target = Path.of(System.getProperty("postino.server.target", "../server/target")).toAbsolutePath().normalize();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "postino-server-*.jar")) {
            for (Path jar : jars) {
                if (!jar.toString().endsWith("-sources.jar") && !jar.toString().endsWith("-tests.jar")) {
                    return jar + File.pathSeparator + target.resolve("lib") + "/*";
                }
            }
        }
        throw new IllegalStateException("no postino-server jar in " + target + ": run mvn install -DskipTests first");
    }

    /** SIGTERM, then wait for the JVM to exit (James stops its services on the way). */
    void stop() {
        process.destroy();
        awaitExit(Duration.ofSeconds(90));
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or the OOM killer would. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    private void awaitExit(Duration limit) {
        try {
            process.onExit().get(limit.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("server pid " + process.pid() + " did not exit within " + limit + ", see " + log, e);
        }
    }

    long bootMillis() {
        return bootMillis;
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size from /proc (Linux). */
    long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    String output() {
        return read(log);
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Test teardown: SIGKILL if still running (the data is thrown away, a graceful stop would only cost time). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }
}
