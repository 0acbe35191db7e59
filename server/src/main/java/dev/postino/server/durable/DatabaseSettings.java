package dev.postino.server.durable;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code conf/james-database.properties}, parsed strictly: the JDBC database holding domains,
 * users, aliases, mailboxes, Sieve scripts and mail repositories.
 *
 * <pre>
 * database.driverClassName=org.apache.derby.jdbc.EmbeddedDriver
 * database.url=jdbc:derby:var/store/derby;create=true
 * database.username=      (optional)
 * database.password=      (optional; only with database.username)
 * openjpa.*=...           (passed to OpenJPA as is)
 * </pre>
 *
 * A relative embedded Derby path is resolved against the working directory: Derby itself would
 * resolve it against the process's current directory, and a server started from another
 * directory would silently open (and create) an empty database.
 */
public final class DatabaseSettings {
    public static final String FILE = "conf/james-database.properties";
    private static final Set<String> KEYS = Set.of("database.driverClassName", "database.url",
        "database.username", "database.password");
    private static final String DERBY = "jdbc:derby:";

    private final String driver;
    private final String url;
    private final String username;
    private final String password;
    private final Map<String, String> openJpa;

    private DatabaseSettings(String driver, String url, String username, String password, Map<String, String> openJpa) {
        this.driver = driver;
        this.url = url;
        this.username = username;
        this.password = password;
        this.openJpa = Map.copyOf(openJpa);
    }

    /** Reads {@value #FILE} of an installed working directory. */
    public static DatabaseSettings load(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is missing: the durable server needs it "
                + "(see README, \"Where data lives\")");
        }
        return load(file, home);
    }

    /**
     * Reads a database properties file anywhere (the target of {@code postino migrate}); a
     * relative Derby path in it is resolved against {@code home}.
     */
    public static DatabaseSettings load(Path file, Path home) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(properties, home, file.toString());
    }

    static DatabaseSettings parse(Properties properties, Path home, String source) {
        Set<String> unknown = new TreeSet<>();
        Map<String, String> openJpa = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (key.startsWith("openjpa.")) {
                openJpa.put(key, value);
            } else if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ": unknown key(s) " + unknown + "; known: " + new TreeSet<>(KEYS)
                + " and openjpa.*");
        }
        String driver = required(properties, "database.driverClassName", source);
        String url = resolveDerbyPath(required(properties, "database.url", source), home);
        String username = properties.getProperty("database.username", "").trim();
        String password = properties.getProperty("database.password", "").trim();
        if (username.isEmpty() && !password.isEmpty()) {
            // It would be sent nowhere: the connection would log in without it (or as the OS user).
            throw new IllegalArgumentException(source + ": database.password is set without database.username: "
                + "set both, or neither");
        }
        return new DatabaseSettings(driver, url, username, password, openJpa);
    }

    private static String required(Properties properties, String key, String source) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + key + " is required");
        }
        return value;
    }

    /** {@code jdbc:derby:var/store/derby;create=true} → {@code jdbc:derby:/home/…/var/store/derby;create=true}. */
    static String resolveDerbyPath(String url, Path home) {
        if (!url.startsWith(DERBY)) {
            return url;
        }
        String rest = url.substring(DERBY.length());
        int semicolon = rest.indexOf(';');
        String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String attributes = semicolon < 0 ? "" : rest.substring(semicolon);
        // Sub-protocols (memory:, directory:, classpath:, jar:) and absolute paths are left alone.
        if (name.isEmpty() || name.matches("[a-z]{2,}:.*") || Path.of(name).isAbsolute()) {
            return url;
        }
        return DERBY + home.resolve(name).normalize() + attributes;
    }

    public String driver() {
        return driver;
    }

    public String url() {
        return url;
    }

    /** The URL to print or log: a password in it ({@code password=…}, {@code user:…@}) masked. */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^/@]*@", "$1***@");
    }

    public boolean isEmbeddedDerby() {
        return url.startsWith(DERBY);
    }

    /** The properties given to {@code Persistence.createEntityManagerFactory("Global", …)}. */
    public Map<String, String> openJpaProperties() {
        Map<String, String> properties = new LinkedHashMap<>(openJpa);
        properties.put("openjpa.ConnectionDriverName", driver);
        properties.put("openjpa.ConnectionURL", url);
        if (!username.isEmpty()) {
            properties.put("openjpa.ConnectionUserName", username);
            properties.put("openjpa.ConnectionPassword", password);
        }
        return properties;
    }

    /** A plain JDBC connection (no pool), with the configured user if any. */
    public Connection connect() throws SQLException {
        return username.isEmpty()
            ? DriverManager.getConnection(url)
            : DriverManager.getConnection(url, username, password);
    }

    /**
     * The same database without Derby's {@code create=true}: for reading a database that must
     * already exist (a missing one is an error, not a new empty one).
     */
    public DatabaseSettings existingOnly() {
        String withoutCreate = url.replaceAll("(?i);create=true", "");
        return new DatabaseSettings(driver, withoutCreate, username, password, openJpa);
    }
}
