package dev.postino.mailets;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.apache.mailet.base.GenericMailet;

import dev.postino.config.ConfigValues;

/** Strict init parameters for the deliverability mailets: only the named keys (and James's own). */
final class MailetParameters {
    private static final Set<String> JAMES_KEYS = Set.of("onMailetException", "onMatchException");

    private MailetParameters() {
    }

    static ConfigValues parameters(GenericMailet mailet, String... keys) {
        Map<String, String> values = new HashMap<>();
        for (Iterator<String> names = mailet.getInitParameterNames(); names.hasNext();) {
            String name = names.next();
            if (!JAMES_KEYS.contains(name)) {
                values.put(name, mailet.getInitParameter(name));
            }
        }
        return new ConfigValues("mailet " + mailet.getMailetName(), values).requireOnly(Set.of(keys));
    }

    static void refuseParameters(GenericMailet mailet) {
        parameters(mailet);
    }
}
