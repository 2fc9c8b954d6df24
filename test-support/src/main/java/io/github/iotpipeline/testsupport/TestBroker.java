package io.github.iotpipeline.testsupport;

import java.util.UUID;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

/**
 * The MQTT broker that tests share. It comes from {@code TEST_MQTT_URL} (such as {@code tcp://127.0.0.1:1883});
 * without it, from a Mosquitto container started once per JVM (needs Docker). Tests on the shared broker keep
 * to their own topic root and client ids, from {@link #uniqueName(String)}, and clear the persistent sessions
 * they create.
 */
public final class TestBroker {

    private static String sharedUrl;

    private TestBroker() {
    }

    public static synchronized String url() {
        if (sharedUrl == null) {
            String url = System.getenv("TEST_MQTT_URL");
            if (url != null && !url.isBlank()) {
                sharedUrl = url;
            }
            else {
                GenericContainer<?> mosquitto = new GenericContainer<>("eclipse-mosquitto:2")
                        .withCopyToContainer(Transferable.of("listener 1883\nallow_anonymous true\n"),
                                "/mosquitto/config/mosquitto.conf")
                        .withExposedPorts(1883);
                mosquitto.start();
                sharedUrl = "tcp://" + mosquitto.getHost() + ":" + mosquitto.getMappedPort(1883);
            }
        }
        return sharedUrl;
    }

    /** A name no other test run uses, for topic roots and client ids. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
