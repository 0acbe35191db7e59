package dev.postino.server;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Lays out a James working directory the way an administrator installs Postino:
 * {@code conf/} copied from a configuration directory (listener ports rewritten by a
 * {@link PortPlan}), the drop-in jar copied into {@code extensions-jars/}, and {@code var/}.
 *
 * <p>The shipped conf/ names durable mail repositories ({@code jpa://}), which the memory server
 * cannot open: for {@link Storage#MEMORY} every {@code jpa://} of {@code mailetcontainer.xml} and
 * {@code mailrepositorystore.xml} is installed as {@code memory://}.
 *
 * <p>conf/ is rewritten on every start from its source, so the source stays the one place to
 * edit: a file deleted there is deleted from the working directory's conf/ too, except the
 * keystores the {@code <tls>} blocks name (James generates them there on first start).
 *
 * <p>{@code conf/} and {@code var/} are made readable by the server's user only: conf/ holds the
 * keystore's private key (James writes it with the default umask, and the shipped keystore
 * password is public) and the database password, var/ every mailbox and queued mail.
 */
public final class HomeInstaller {
    private static final Pattern BIND = Pattern.compile("(<bind>)([^<]*)(</bind>)");
    /** One {@code host:port} of a bind, which James splits on commas and trims. */
    private static final Pattern BIND_PORT = Pattern.compile("(:\\s*)(\\d+)(\\s*(?:,|$))");
    private static final Pattern KEYSTORE = Pattern.compile("<keystore>\\s*file://conf/([^<\\s/]+)\\s*</keystore>");
    /** {@code port=8000}, also with Windows line endings (\r before the \n). */
    private static final Pattern WEBADMIN_PORT = Pattern.compile("(?m)^([ \\t]*port[ \\t]*[=:][ \\t]*)(\\d+)([ \\t\\r]*)$");
    /** What James 3.8.1 listens on when webadmin.properties has no port (WebAdminServer.DEFAULT_PORT). */
    private static final int JAMES_DEFAULT_WEBADMIN_PORT = 8080;

    private static final Set<String> REPOSITORY_FILES = Set.of("mailetcontainer.xml", "mailrepositorystore.xml");

    private HomeInstaller() {
    }

    /** Installs conf/ as it is written (the durable server's). */
    public static void install(Path sourceConf, Path extensionJar, PortPlan ports, Path home) {
        install(sourceConf, extensionJar, ports, home, Storage.DURABLE);
    }

    public static void install(Path sourceConf, Path extensionJar, PortPlan ports, Path home, Storage storage) {
        if (!Files.isDirectory(sourceConf)) {
            throw new IllegalArgumentException("configuration directory not found: " + sourceConf.toAbsolutePath());
        }
        if (!Files.isRegularFile(extensionJar)) {
            throw new IllegalArgumentException("Postino jar not found: " + extensionJar.toAbsolutePath()
                + " (build it with: mvn -pl mailets -am package)");
        }
        try {
            Path conf = ownerOnly(Files.createDirectories(home.resolve("conf")));
            ownerOnly(Files.createDirectories(home.resolve("var")));
            Files.createDirectories(home.resolve("var/log"));
            Set<String> installed = new HashSet<>();
            Set<String> generated = new HashSet<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(sourceConf)) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        String name = file.getFileName().toString();
                        copyConf(file, conf.resolve(name), ports, storage, generated);
                        installed.add(name);
                    }
                }
            }
            removeStale(conf, installed, generated);
            Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
            try (DirectoryStream<Path> old = Files.newDirectoryStream(extensions, "postino-*.jar")) {
                for (Path jar : old) {
                    Files.delete(jar);
                }
            }
            Files.copy(extensionJar, extensions.resolve(extensionJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the James working directory " + home.toAbsolutePath(), e);
        }
    }

    /** rwx------ where the file system has POSIX permissions (also on a directory an earlier version made). */
    private static Path ownerOnly(Path directory) throws IOException {
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        return directory;
    }

    /**
     * A file deleted from the source conf/ must stop applying (a dropped smarthost route, a
     * removed postino.properties): delete its old copy. Kept: what James generates there, the
     * keystores the {@code <tls>} blocks name.
     */
    private static void removeStale(Path conf, Set<String> installed, Set<String> generated) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(conf)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && !installed.contains(name) && !generated.contains(name)) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void copyConf(Path from, Path to, PortPlan ports, Storage storage, Set<String> generated)
        throws IOException {
        String name = from.getFileName().toString();
        if (name.endsWith(".xml")) {
            String text = Files.readString(from, StandardCharsets.UTF_8);
            checkWellFormed(from, text);
            Matcher keystore = KEYSTORE.matcher(text);
            while (keystore.find()) {
                generated.add(keystore.group(1));
            }
            text = rewriteBinds(text, ports);
            if (storage == Storage.MEMORY && REPOSITORY_FILES.contains(name)) {
                text = toMemoryRepositories(text);
            }
            Files.writeString(to, text, StandardCharsets.UTF_8);
        } else if (name.equals("webadmin.properties")) {
            String text = Files.readString(from, StandardCharsets.UTF_8);
            Files.writeString(to, rewrite(WEBADMIN_PORT, text, ports), StandardCharsets.UTF_8);
        } else {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** James reports a broken XML file as "Error parsing null": name the file and line instead. */
    private static void checkWellFormed(Path file, String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            throw new IllegalArgumentException(file + ":" + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static String toMemoryRepositories(String xml) {
        return xml.replace("jpa://", "memory://")
            .replace("<defaultProtocol>jpa</defaultProtocol>", "<defaultProtocol>memory</defaultProtocol>");
    }

    /** Every {@code host:port} of every {@code <bind>} (James accepts a comma-separated list). */
    static String rewriteBinds(String text, PortPlan ports) {
        Matcher bind = BIND.matcher(text);
        StringBuilder out = new StringBuilder();
        while (bind.find()) {
            bind.appendReplacement(out, Matcher.quoteReplacement(
                bind.group(1) + rewrite(BIND_PORT, bind.group(2), ports) + bind.group(3)));
        }
        bind.appendTail(out);
        return out.toString();
    }

    static String rewrite(Pattern pattern, String text, PortPlan ports) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int port = ports.actual(Integer.parseInt(m.group(2)));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + port + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The webadmin port the installed conf/ uses. */
    public static int webadminPort(Path home) {
        try {
            String text = Files.readString(home.resolve("conf/webadmin.properties"), StandardCharsets.UTF_8);
            Matcher m = WEBADMIN_PORT.matcher(text);
            return m.find() ? Integer.parseInt(m.group(2)) : JAMES_DEFAULT_WEBADMIN_PORT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
