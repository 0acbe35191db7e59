package dev.postino.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which port each shipped listener really binds. The shipped conf/ names the standard ports;
 * a plan maps each of them to the port to use, so one conf/ serves production, unprivileged
 * development ({@code --ports dev}) and tests (random free ports).
 */
public final class PortPlan {
    public static final int SMTP = 25;
    public static final int SUBMISSION = 587;
    public static final int SUBMISSIONS = 465;
    public static final int IMAP = 143;
    public static final int IMAPS = 993;
    public static final int POP3 = 110;
    public static final int POP3S = 995;
    public static final int WEBADMIN = 8000;

    private final Map<Integer, Integer> ports;

    private PortPlan(Map<Integer, Integer> ports) {
        this.ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }

    /** The ports written in conf/: 25, 587, 465, 143, 993, 110, 995 and webadmin 8000. */
    public static PortPlan standard() {
        return new PortPlan(Map.of());
    }

    /** Unprivileged ports: 2525, 2587, 2465, 1143, 1993, 1110, 1995; webadmin stays on 8000. */
    public static PortPlan dev() {
        return new PortPlan(Map.of(SMTP, 2525, SUBMISSION, 2587, SUBMISSIONS, 2465,
            IMAP, 1143, IMAPS, 1993, POP3, 1110, POP3S, 1995));
    }

    public static PortPlan of(Map<Integer, Integer> standardToActual) {
        standardToActual.forEach((from, to) -> {
            if (to < 0 || to > 65535) {
                throw new IllegalArgumentException("port for " + from + " out of range: " + to);
            }
        });
        return new PortPlan(standardToActual);
    }

    /** {@code standard} or {@code dev}, as given to {@code --ports}. */
    public static PortPlan named(String name) {
        switch (Objects.requireNonNull(name)) {
            case "standard":
                return standard();
            case "dev":
                return dev();
            default:
                throw new IllegalArgumentException("--ports must be 'standard' or 'dev', got '" + name + "'");
        }
    }

    /** The port to bind for a listener that conf/ puts on {@code standardPort}. */
    public int actual(int standardPort) {
        return ports.getOrDefault(standardPort, standardPort);
    }
}
