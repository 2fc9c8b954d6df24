package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.CollectorArguments;
import io.github.iotpipeline.testsupport.MosquittoProcess;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.OwnBroker;
import io.github.iotpipeline.testsupport.ProjectRoot;
import io.github.iotpipeline.testsupport.TcpProxy;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Everything one fault-injection test runs against, started fresh and torn down with it: a broker of its own
 * (Mosquitto with the project's configuration and persistence where Mosquitto can be had, else the embedded
 * broker), a database of its own behind a {@link TcpProxy} that
 * the test may cut or slow down, a raw directory, and the collector as its own JVM. It also holds the verdict
 * every such test ends with: {@link #assertEveryPublishedReadingStoredOnce(int)}.
 */
final class FaultScenario implements AutoCloseable {

    /** Readings still arriving at the end of a scenario must be in the database within this time. */
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private static final Map<String, String> FAST_RETRIES = Map.of(
            // Keeps retries close together, so recovery after a database outage shows within seconds.
            "collector.batch.max-retry-backoff", "2s",
            // A cut database fails each attempt after this long rather than the configured 5 s.
            "spring.datasource.hikari.connection-timeout", "2000");

    private final String name;
    private final SensorTopics topics;
    private final OwnBroker broker;
    private final TestDatabase database;
    private final TcpProxy databaseProxy;
    private final Path rawDirectory;
    private final CollectorProcess collector;
    private final StoredReadings stored;
    private final SequencePublisher.Ledger published = new SequencePublisher.Ledger();
    private int publishers;

    private FaultScenario(String name, Path work, Map<String, String> settings, OwnBroker broker,
            TestDatabase database) throws IOException {
        this.name = name;
        this.topics = new SensorTopics(name);
        this.broker = broker;
        this.database = database;
        this.stored = new StoredReadings(database);
        URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        this.databaseProxy = TcpProxy.start(direct.getHost(), direct.getPort());
        this.rawDirectory = Files.createDirectories(work.resolve("raw"));
        String proxied = database.jdbcUrl().replace(direct.getHost() + ":" + direct.getPort(),
                "127.0.0.1:" + databaseProxy.port());
        CollectorArguments arguments = CollectorArguments.of(database, broker.url(), name, rawDirectory)
                .withDatasourceUrl(proxied).with(FAST_RETRIES).with(settings);
        this.collector = new CollectorProcess(arguments, Path.of("target", "fault-logs", name + ".log"));
    }

    /**
     * Starts the infrastructure; the collector is created but not started. The broker is Mosquitto where it can
     * be had, else the embedded broker: what is tested here is the collector, not the broker.
     */
    static FaultScenario create(String prefix, Path work, Map<String, String> settings) throws IOException {
        return create(prefix, work, settings,
                MosquittoProcess.available() ? projectMosquitto() : TestBroker.ownEmbedded());
    }

    /** As {@link #create}, on Mosquitto itself, for a test that stops and restarts the broker; else skipped. */
    static FaultScenario createOnMosquitto(String prefix, Path work, Map<String, String> settings)
            throws IOException {
        return create(prefix, work, settings, projectMosquitto());
    }

    private static OwnBroker projectMosquitto() {
        return MosquittoProcess.startWithProjectConfig(ProjectRoot.resolve("mosquitto/mosquitto.conf"));
    }

    private static FaultScenario create(String prefix, Path work, Map<String, String> settings, OwnBroker broker)
            throws IOException {
        try {
            return new FaultScenario(TestBroker.uniqueName(prefix), work, settings, broker,
                    TestDatabase.create(prefix.replace('-', '_')));
        }
        catch (IOException | RuntimeException ex) {
            broker.close();
            throw ex;
        }
    }

    CollectorProcess collector() {
        return collector;
    }

    /** The scenario's Mosquitto, to stop and restart; only for scenarios made by {@link #createOnMosquitto}. */
    MosquittoProcess broker() {
        if (broker instanceof MosquittoProcess mosquitto) {
            return mosquitto;
        }
        throw new IllegalStateException("not a Mosquitto scenario");
    }

    TcpProxy databaseProxy() {
        return databaseProxy;
    }

    SequencePublisher.Ledger published() {
        return published;
    }

    /** A new publisher connection to the broker as it is now; several may run one after another. */
    SequencePublisher publisher() {
        return new SequencePublisher(broker.url(), name + "-publisher-" + (++publishers), topics, published);
    }

    /** Starts the collector and waits until it is ready and its session exists on the broker. */
    CollectorProcess startCollector() {
        collector.start();
        awaitReady(Duration.ofSeconds(60));
        awaitSubscribed();
        return collector;
    }

    /** Waits until readiness is 200: database, broker and buffer all UP. */
    void awaitReady(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(readiness().httpStatus()).as("readiness of %s: %s", collector.describe(), readiness())
                        .isEqualTo(200));
    }

    /**
     * Publishes a probe reading, without seq, until it is stored: the collector's session then exists on the
     * broker and later readings are queued for it even while it is away.
     */
    void awaitSubscribed() {
        ReadingCodec codec = new ReadingCodec();
        byte[] probe = codec.encode(new SensorReading(SequencePublisher.SENSOR, Instant.parse("2026-05-01T00:00:00Z"),
                1, null, null));
        try (MqttTestClient client = MqttTestClient.connect(broker.url(), name + "-probe")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                client.publish(topics.topicFor(SequencePublisher.SENSOR), probe);
                return stored.probes() == 1;
            });
        }
    }

    CollectorEndpoints.Readiness readiness() {
        try {
            return collector.endpoints().readiness();
        }
        catch (RuntimeException ex) {
            throw new AssertionError("no readiness from " + collector.describe() + ": " + ex, ex);
        }
    }

    CollectorMetrics metrics() {
        try {
            return collector.endpoints().metrics();
        }
        catch (RuntimeException ex) {
            throw new AssertionError("no metrics from " + collector.describe() + ": " + ex, ex);
        }
    }

    StoredReadings stored() {
        return stored;
    }

    /**
     * The verdict: every reading the broker accepted is in {@code measurements} exactly once and in the raw
     * archive at least once, the running collector's accounting balances with nothing left buffered, and it
     * reports itself ready again.
     *
     * @param tornLinesAllowed raw lines a SIGKILL may have cut in half, at most one per kill
     */
    void assertEveryPublishedReadingStoredOnce(int tornLinesAllowed) throws Exception {
        SortedSet<Long> expected = published.accepted();
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            SortedSet<Long> missing = new TreeSet<>(expected);
            missing.removeAll(stored.seqs());
            assertThat(missing).withFailMessage("%d of %d readings the broker accepted are not in measurements,"
                    + " seqs %s; %s", missing.size(), expected.size(), SeqRanges.of(missing), collector.describe())
                    .isEmpty();
        });
        SortedSet<Long> unexpected = new TreeSet<>(stored.seqs());
        unexpected.removeAll(expected);
        assertThat(unexpected).withFailMessage("measurements holds seqs never published: %s",
                SeqRanges.of(unexpected)).isEmpty();
        assertThat(stored.repeated()).as("rows repeating a seq; %s", collector.describe()).isZero();

        RawArchiveContents raw = RawArchiveContents.read(rawDirectory);
        SortedSet<Long> notArchived = new TreeSet<>(expected);
        notArchived.removeAll(raw.seqs());
        assertThat(notArchived)
                .withFailMessage("%d readings the broker accepted are not in the raw archive in %s, seqs %s",
                        notArchived.size(), rawDirectory, SeqRanges.of(notArchived))
                .isEmpty();
        assertThat(raw.unreadable()).as("unreadable raw lines (a kill may tear %d)", tornLinesAllowed)
                .hasSizeLessThanOrEqualTo(tornLinesAllowed);

        assertAccountingBalances();
        awaitReady(Duration.ofSeconds(20));
    }

    /** received = stored + duplicates + rejected + buffered, for the collector running now, once idle. */
    void assertAccountingBalances() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            CollectorMetrics metrics = metrics();
            assertThat(metrics.buffered()).as("buffered once idle: %s; %s", metrics, collector.describe()).isZero();
            assertThat(metrics.balanced()).as("accounting: %s; %s", metrics, collector.describe()).isTrue();
        });
    }

    @Override
    public void close() {
        collector.close();
        databaseProxy.close();
        try {
            // The broker's log goes next to the collector's; its own directory is deleted with it.
            Files.writeString(collector.log().resolveSibling(name + ".broker.log"), broker.log());
        }
        catch (IOException | UncheckedIOException ex) {
            // Only diagnostics.
        }
        broker.close();
        database.close();
    }
}
