package io.github.iotpipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * An MQTT 3.1.1 and 5 broker (HiveMQ Community Edition) in this JVM, listening on one loopback port, open to
 * anonymous clients. Loopback only: anonymous access is safe only where nobody else can connect.
 * <p>
 * Its limits are set for the collector, which acknowledges a message only once its batch is committed: the
 * broker hands a subscriber as many unacknowledged messages as its Receive Maximum allows (HiveMQ's own window is
 * 50, which would hold the collector to 50 readings per flush interval), publishers may have 65,535 in flight
 * (HiveMQ's default is 10), and it queues up to {@value #MAX_QUEUED_MESSAGES} messages for an offline session, as
 * the compose broker does.
 * <p>
 * Unlike Mosquitto, HiveMQ sends a subscriber nothing new while any message it sent is unacknowledged; what
 * arrives meanwhile goes out at once when the last is acknowledged. For the collector a reading may so wait for
 * the batch before it: up to two flush intervals from publication to commit, instead of one.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Queued messages kept per offline session; beyond it HiveMQ discards new ones. */
    static final long MAX_QUEUED_MESSAGES = 3_000_000;

    /** The largest Receive Maximum MQTT 5 allows. */
    static final int MAX_IN_FLIGHT = 65_535;

    private static final int STOP_TIMEOUT_SECONDS = 10;

    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port}, with its configuration and data under {@code workDirectory}.
     * When {@code persistent}, sessions, queued and retained messages are kept on disk there across restarts;
     * otherwise they live in memory.
     */
    public static EmbeddedBroker start(int port, Path workDirectory, boolean persistent) {
        try {
            Path config = Files.createDirectories(workDirectory.resolve("conf"));
            Path extensions = Files.createDirectories(workDirectory.resolve("extensions"));
            Path data = Files.createDirectories(workDirectory.resolve("data"));
            Files.writeString(config.resolve("config.xml"), configuration(port, persistent));
            // HiveMQ CE caps every subscriber's in-flight window at this internal constant, which no
            // configuration file sets; it is read per delivery, for every broker in the JVM.
            InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = MAX_IN_FLIGHT;
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withExtensionsFolder(extensions)
                    .withDataFolder(data)
                    .withEmbeddedExtension(allowAnonymousClients())
                    // The application's logging stays as it is configured; HiveMQ would replace it.
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            return new EmbeddedBroker(hivemq, port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not prepare the broker's directory " + workDirectory, ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("The embedded MQTT broker did not start on port " + port + ": "
                    + rootMessage(ex), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded MQTT broker", ex);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the broker; with persistence, what it holds is on disk for the next start. Once is enough. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            hivemq.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            hivemq.close();
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("The embedded MQTT broker did not stop cleanly: " + rootMessage(ex), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static String configuration(int port, boolean persistent) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, MAX_QUEUED_MESSAGES, MAX_IN_FLIGHT, persistent ? "file" : "in-memory");
    }

    /** HiveMQ refuses every client until an extension authenticates them; this one lets everyone in. */
    private static EmbeddedExtension allowAnonymousClients() {
        return EmbeddedExtension.builder()
                .withId("allow-anonymous")
                .withName("Allow anonymous loopback clients")
                .withVersion("1")
                .withExtensionMain(new AllowAll())
                .build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static final class AllowAll implements ExtensionMain {

        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            Services.securityRegistry().setAuthenticatorProvider(
                    provider -> (SimpleAuthenticator) (connect, result) -> result.authenticateSuccessfully());
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
            // Nothing to release.
        }
    }
}
