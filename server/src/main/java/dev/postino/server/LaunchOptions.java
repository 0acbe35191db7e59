package dev.postino.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** The launcher's command line, parsed strictly: an unknown or incomplete flag stops start-up. */
public final class LaunchOptions {
    /** Environment variable through which the {@code postino} script hands over its {@code --user} values. */
    public static final String USERS_VARIABLE = "POSTINO_USERS";
    private static final Set<String> FLAGS = Set.of("--home", "--conf", "--jar", "--ports", "--storage", "--user");

    /** A user to create on start: {@code alice@a.test:secret}. */
    public static final class FirstUser {
        public final String address;
        public final String password;

        FirstUser(String address, String password) {
            this.address = address;
            this.password = password;
        }

        public String domain() {
            return address.substring(address.indexOf('@') + 1);
        }
    }

    public final Path home;
    public final Path conf;
    public final Path jar;
    public final PortPlan ports;
    public final List<FirstUser> users;
    public final Storage storage;

    private LaunchOptions(Path home, Path conf, Path jar, PortPlan ports, List<FirstUser> users, Storage storage) {
        this.home = home;
        this.conf = conf;
        this.jar = jar;
        this.ports = ports;
        this.users = Collections.unmodifiableList(users);
        this.storage = storage;
    }

    public static LaunchOptions parse(String... args) {
        return parse(args, null);
    }

    /**
     * {@code args} plus the users the {@code postino} script moved from its {@code --user} options
     * into {@value #USERS_VARIABLE} (one {@code user@domain:password} per line): a command line
     * is readable by every local user ({@code ps}) for the life of the server, the environment
     * only by its owner.
     */
    public static LaunchOptions parse(String[] args, String usersVariable) {
        Path home = Path.of("postino-home");
        Path conf = null;
        Path jar = null;
        PortPlan ports = PortPlan.standard();
        List<FirstUser> users = new ArrayList<>();
        if (usersVariable != null) {
            for (String line : usersVariable.split("\n")) {
                if (!line.isEmpty()) {
                    users.add(parseUser(line));
                }
            }
        }
        Storage storage = Storage.DURABLE;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown option " + flag + "\n" + usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--home":
                    home = Path.of(value);
                    break;
                case "--conf":
                    conf = Path.of(value);
                    break;
                case "--jar":
                    jar = Path.of(value);
                    break;
                case "--ports":
                    ports = PortPlan.named(value);
                    break;
                case "--storage":
                    storage = Storage.named(value);
                    break;
                case "--user":
                    users.add(parseUser(value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + flag + "\n" + usage());
            }
        }
        if (conf == null || jar == null) {
            throw new IllegalArgumentException("--conf and --jar are required\n" + usage());
        }
        return new LaunchOptions(home.toAbsolutePath(), conf.toAbsolutePath(), jar.toAbsolutePath(), ports, users, storage);
    }

    private static FirstUser parseUser(String value) {
        int colon = value.indexOf(':');
        int at = value.indexOf('@');
        if (colon <= 0 || at <= 0 || at > colon || at == colon - 1 || colon == value.length() - 1) {
            throw new IllegalArgumentException("--user must be user@domain:password, got '" + value + "'");
        }
        return new FirstUser(value.substring(0, colon), value.substring(colon + 1));
    }

    static String usage() {
        return "usage: postino [--ports standard|dev] [--storage durable|memory] [--home DIR] [--user user@domain:password]... "
            + "--conf DIR --jar postino-<version>.jar";
    }
}
