package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.github.iotpipeline.embedded.EmbeddedBroker;
import io.github.iotpipeline.embedded.LoopbackPorts;
import org.jspecify.annotations.Nullable;

/**
 * The MQTT broker that tests share. It comes from {@code TEST_MQTT_URL} (such as {@code tcp://127.0.0.1:1883});
 * without it, from an embedded MQTT 5 broker (HiveMQ CE) started once per JVM on a free loopback port. Tests on
 * the shared broker keep to their own topic root and client ids, from {@link #uniqueName(String)}, and clear the
 * persistent sessions they create.
 */
public final class TestBroker {

    private static @Nullable String sharedUrl;
    private static boolean sharedEmbedded;

    private TestBroker() {
    }

    public static synchronized String url() {
        if (sharedUrl == null) {
            String url = System.getenv("TEST_MQTT_URL");
            sharedEmbedded = url == null || url.isBlank();
            sharedUrl = sharedEmbedded ? startEmbedded().url() : url;
        }
        return sharedUrl;
    }

    /**
     * Whether the shared broker is the embedded one. It sends a subscriber nothing new while a message is
     * unacknowledged, so through it a reading may wait for the collector's batch before its own.
     */
    public static synchronized boolean isEmbedded() {
        url();
        return sharedEmbedded;
    }

    /**
     * A broker of the caller's own, which it may stop and restart: Mosquitto with its default configuration
     * where Mosquitto can be had ({@link MosquittoProcess#available()}), else the embedded broker. The caller
     * closes it.
     */
    public static OwnBroker own() {
        return MosquittoProcess.available() ? MosquittoProcess.startWithDefaults() : EmbeddedOwnBroker.start();
    }

    /** The embedded broker as the caller's own, even where Mosquitto can be had. The caller closes it. */
    public static OwnBroker ownEmbedded() {
        return EmbeddedOwnBroker.start();
    }

    private static EmbeddedBroker startEmbedded() {
        try {
            Path work = Files.createTempDirectory("embedded-broker");
            EmbeddedBroker broker = EmbeddedBroker.start(LoopbackPorts.free(), work, false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                TemporaryFiles.deleteQuietly(work);
            }, "embedded-broker-stop"));
            return broker;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A name no other test run uses, for topic roots and client ids. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
