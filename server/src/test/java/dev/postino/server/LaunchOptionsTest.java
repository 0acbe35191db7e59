package dev.postino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
    @Test
    void devPortsAndFirstUsers() {
        LaunchOptions options = LaunchOptions.parse("--conf", "c", "--jar", "j.jar", "--ports", "dev",
            "--user", "alice@a.test:s3:cret", "--home", "h");

        assertThat(options.ports.actual(PortPlan.SMTP)).isEqualTo(2525);
        assertThat(options.ports.actual(PortPlan.SUBMISSION)).isEqualTo(2587);
        assertThat(options.ports.actual(PortPlan.SUBMISSIONS)).isEqualTo(2465);
        assertThat(options.ports.actual(PortPlan.IMAP)).isEqualTo(1143);
        assertThat(options.ports.actual(PortPlan.IMAPS)).isEqualTo(1993);
        assertThat(options.ports.actual(PortPlan.POP3)).isEqualTo(1110);
        assertThat(options.ports.actual(PortPlan.POP3S)).isEqualTo(1995);
        assertThat(options.ports.actual(PortPlan.WEBADMIN)).isEqualTo(8000);
        assertThat(options.users).hasSize(1);
        assertThat(options.users.get(0).address).isEqualTo("alice@a.test");
        assertThat(options.users.get(0).password).isEqualTo("s3:cret");
        assertThat(options.users.get(0).domain()).isEqualTo("a.test");
        assertThat(options.home.isAbsolute()).isTrue();
        assertThat(options.home.getFileName().toString()).isEqualTo("h");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "--ports fast                       | --ports must be 'standard' or 'dev', got 'fast'",
        "--user alice                       | --user must be user@domain:password, got 'alice'",
        "--user alice@a.test:               | --user must be user@domain:password",
        "--user @a.test:x                   | --user must be user@domain:password",
        "--colour red                       | unknown option --colour",
        "--home                             | --home needs a value",
        "--storage disk                     | --storage must be 'durable' or 'memory', got 'disk'",
    })
    void badOptionsAreNamed(String args, String message) {
        String[] all = (args.trim() + " --conf c --jar j").split("\\s+");
        if (args.trim().equals("--home")) {
            all = new String[] {"--conf", "c", "--jar", "j", "--home"};
        }
        String[] finalArgs = all;
        assertThatThrownBy(() -> LaunchOptions.parse(finalArgs))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @Test
    void anUnknownOptionLastIsNamedAsUnknownNotAsMissingItsValue() {
        assertThatThrownBy(() -> LaunchOptions.parse("--conf", "c", "--jar", "j", "--frob"))
            .hasMessageStartingWith("unknown option --frob");
    }

    @Test
    void usersHandedOverInTheEnvironmentComeBeforeThoseOnTheCommandLine() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--conf", "c", "--jar", "j", "--user", "carol@c.test:x"},
            "alice@a.test:s3:cret\nbob@b.test:pw\n");

        assertThat(options.users).extracting(user -> user.address + " " + user.password)
            .containsExactly("alice@a.test s3:cret", "bob@b.test pw", "carol@c.test x");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--conf", "c", "--jar", "j"}, "alice\n"))
            .hasMessageContaining("--user must be user@domain:password, got 'alice'");
    }

    @Test
    void durableUnlessMemoryIsAsked() {
        assertThat(LaunchOptions.parse("--conf", "c", "--jar", "j").storage).isEqualTo(Storage.DURABLE);
        assertThat(LaunchOptions.parse("--conf", "c", "--jar", "j", "--storage", "memory").storage).isEqualTo(Storage.MEMORY);
    }

    @Test
    void confAndJarAreRequired() {
        assertThatThrownBy(() -> LaunchOptions.parse("--ports", "dev"))
            .hasMessageContaining("--conf and --jar are required");
    }
}
