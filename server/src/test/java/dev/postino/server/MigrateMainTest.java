package dev.postino.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code postino migrate}; the copy itself: DatabaseCopyTest and the it-test. */
class MigrateMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MigrateMain.run(args, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void toIsRequired() {
        assertThat(run("--home", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--to is required").contains("usage: postino migrate");
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThat(run("--to", "pg.properties", "--from", "x")).isEqualTo(2);
        assertThat(err()).contains("unknown option --from");
    }

    @Test
    void anOptionWithoutValueIsNamed() {
        assertThat(run("--to")).isEqualTo(2);
        assertThat(err()).contains("--to needs a value");
    }

    @Test
    void aWorkingDirectoryNoServerRanOnIsRefusedAndLeftUntouched() throws Exception {
        Path home = dir.resolve("never-started");
        assertThat(run("--home", home.toString(), "--to", "pg.properties")).isEqualTo(1);
        assertThat(err()).contains("no durable server has run on " + home
            + " (conf/james-database.properties is missing): nothing to migrate");
        assertThat(Files.exists(home)).isFalse();
    }
}
