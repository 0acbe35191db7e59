package dev.postino.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.commons.configuration2.Configuration;

import dev.postino.core.retry.DurationText;

/**
 * Typed, strict access to a flat set of configuration values (mailet init parameters or
 * postino.properties). Every error names {@code source}, the key and the value; unknown keys are
 * refused so a typo cannot silently fall back to a default.
 */
public final class ConfigValues {
    private final String source;
    private final Map<String, String> values;

    public ConfigValues(String source, Map<String, String> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The init parameters of an SMTP handler: its child elements in {@code smtpserver.xml}, without
     * the element's own attributes ({@code [@class]}).
     */
    public static ConfigValues ofHandler(Class<?> handler, Configuration config) {
        Map<String, String> values = new HashMap<>();
        for (Iterator<String> keys = config.getKeys(); keys.hasNext();) {
            String key = keys.next();
            if (!key.startsWith("[@")) {
                values.put(key, config.getString(key));
            }
        }
        return new ConfigValues("smtp handler " + handler.getName(), values);
    }

    /** Refuses any key not in {@code known}. */
    public ConfigValues requireOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ConfigException(source + ": unknown key(s) " + unknown + "; known keys are " + new TreeSet<>(known));
        }
        return this;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> string(String key) {
        String value = values.get(key);
        return value == null ? Optional.empty() : Optional.of(value.trim());
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return parse(key, defaultValue, text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        });
    }

    public Duration duration(String key, Duration defaultValue) {
        return parse(key, defaultValue, DurationText::parse);
    }

    /** A duration that must be more than zero (timeouts: zero would mean "wait forever"). */
    public Duration positiveDuration(String key, Duration defaultValue) {
        return parse(key, defaultValue, text -> {
            Duration value = DurationText.parse(text);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("must be more than 0");
            }
            return value;
        });
    }

    public boolean bool(String key, boolean defaultValue) {
        return parse(key, defaultValue, text -> {
            if (text.equals("true")) {
                return true;
            }
            if (text.equals("false")) {
                return false;
            }
            throw new IllegalArgumentException("must be true or false");
        });
    }

    public <E extends Enum<E>> E choice(String key, E defaultValue, Class<E> type) {
        return parse(key, defaultValue, text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().replace('_', '-').equalsIgnoreCase(text) || constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException("must be one of " + names);
        });
    }

    /** Comma-separated {@code host:port} (or {@code [v6]:port}, or a bare host with {@code defaultPort}). */
    public List<InetSocketAddress> hostPorts(String key, int defaultPort) {
        return parse(key, List.of(), text -> {
            List<InetSocketAddress> result = new ArrayList<>();
            for (String item : text.split(",")) {
                String entry = item.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                String host = entry;
                int port = defaultPort;
                if (entry.startsWith("[")) {
                    int close = entry.indexOf(']');
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed '[' in '" + entry + "'");
                    }
                    host = entry.substring(1, close);
                    if (close + 1 < entry.length()) {
                        port = port(entry.substring(close + 1), entry);
                    }
                } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
                    host = entry.substring(0, entry.indexOf(':'));
                    port = port(entry.substring(entry.indexOf(':')), entry);
                }
                result.add(InetSocketAddress.createUnresolved(host, port));
            }
            return result;
        });
    }

    private static int port(String colonPort, String entry) {
        if (!colonPort.startsWith(":")) {
            throw new IllegalArgumentException("expected ':port' after the host in '" + entry + "'");
        }
        int port = Integer.parseInt(colonPort.substring(1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + entry + "'");
        }
        return port;
    }

    private <T> T parse(String key, T defaultValue, Function<String, T> parser) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(text.get());
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": bad value for " + key + "='" + text.get() + "': " + e.getMessage(), e);
        }
    }
}
