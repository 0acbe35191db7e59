package dev.postino.it.durable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.postino.it.harness.MxLab;

/** Wires a {@link DurableHome} to an {@link MxLab}, as {@code MxLab.postino} does for the memory server. */
final class DurableLab {
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    private DurableLab() {
    }

    /**
     * A home whose DNS and MX port are the lab's, with RouteByMx's parameters replaced by
     * {@code routeByMxParameters} plus the durable (jpa://) repositories.
     */
    static DurableHome home(String name, MxLab lab, String routeByMxParameters) {
        return DurableHome.create(name)
            .confFile("postino.properties",
                "helo.name=" + name + ".postino.test\n"
                    + "dns.servers=127.0.0.1:" + lab.dnsPort() + "\n"
                    + "dns.timeout=2s\n"
                    + "mx.port=" + lab.mxPort() + "\n")
            .editConf("mailetcontainer.xml", MxLab.routeByMx(routeByMxParameters
                + "<failedRepository>jpa://var/mail/postino-failed/</failedRepository>"
                + "<deferredRepository>jpa://var/mail/postino-deferred/</deferredRepository>"
                + "<doubleBounceRepository>jpa://var/mail/postino-double-bounce/</doubleBounceRepository>"));
    }

    /** Mails in a James mail queue, from webadmin (safe on ActiveMQ queues). */
    static long queueSize(DurableHome home, String queue) {
        Matcher m = SIZE.matcher(home.webadmin().get("/mailQueues/" + queue));
        if (!m.find()) {
            throw new IllegalStateException("no size in webadmin's answer for queue " + queue);
        }
        return Long.parseLong(m.group(1));
    }
}
