package io.github.iotpipeline.localstack;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

import io.github.iotpipeline.localstack.LocalStackSettings.PortSetting;

/**
 * Turns port settings into ports to listen on: a default port that is taken gives way to a free one (and the
 * user is told), a port set explicitly that is taken stops the start. No two services get the same port.
 */
final class PortChoice {

    private final IntPredicate isFree;
    private final IntSupplier freePort;
    private final Set<Integer> chosen = new HashSet<>();

    PortChoice(IntPredicate isFree, IntSupplier freePort) {
        this.isFree = isFree;
        this.freePort = freePort;
    }

    /** A port chosen for one service, and whether it differs from the default. */
    record Chosen(PortSetting setting, int port) {

        boolean moved() {
            return port != setting.port();
        }
    }

    Chosen choose(PortSetting setting) {
        int wanted = setting.port();
        if (!chosen.contains(wanted) && isFree.test(wanted)) {
            return take(setting, wanted);
        }
        if (setting.explicit()) {
            throw new StartupFailure("Port " + wanted + " for " + setting.service() + " (" + setting.variable()
                    + ") is already in use: stop what listens there, or set " + setting.variable()
                    + " to another port");
        }
        int port = freePort.getAsInt();
        while (chosen.contains(port)) {
            port = freePort.getAsInt();
        }
        return take(setting, port);
    }

    private Chosen take(PortSetting setting, int port) {
        chosen.add(port);
        return new Chosen(setting, port);
    }
}
