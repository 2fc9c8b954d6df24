package io.github.iotpipeline.collector.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import io.github.iotpipeline.collector.quality.Quality;
import io.github.iotpipeline.collector.schema.SchemaMigration;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The store against a real PostgreSQL migrated by Flyway. Boot 4 ships the JPA test slice in a module this
 * build does not have, so the whole collector starts, on a topic root of its own where nothing is published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "spring.config.name=collector")
@DirtiesContext
@TestExecutionListeners(listeners = MeasurementStoreTests.CleanUpAfterTheCollector.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class MeasurementStoreTests {

    private static final TestDatabase database = TestDatabase.create("measurement_store");
    private static final String mqttName = TestBroker.uniqueName("measurement-store");
    private static final Path rawDirectory = temporaryDirectory();
    private static final Instant TS = Instant.parse("2026-03-01T12:00:00.123456Z");

    @Autowired
    private MeasurementStore store;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private EntityManagerFactory entityManagerFactory;

    @DynamicPropertySource
    static void collectorProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.jpa.properties.hibernate.generate_statistics", () -> "true");
        registry.add("mqtt.url", TestBroker::url);
        registry.add("mqtt.client-id", () -> mqttName);
        registry.add("mqtt.topic-root", () -> mqttName);
        registry.add("collector.raw.directory", rawDirectory::toString);
    }

    @Autowired
    private SchemaMigration schema;

    @BeforeEach
    void emptyTables() {
        await().atMost(Duration.ofSeconds(30)).until(schema::ready);
        jdbc.execute("truncate measurements, rejected_messages, duplicate_readings");
    }

    @Test
    void storesAReadingStoredTwiceOnce() {
        store.store(List.of(measurement("sensor-1", TS, 21.5)), List.of());

        assertThatNoException().isThrownBy(() -> store.store(List.of(measurement("sensor-1", TS, 21.5)), List.of()));

        assertThat(countMeasurements()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstStoredCopyOfARedeliveredReading() {
        store.store(List.of(measurement("sensor-1", TS, 21.5)), List.of());

        store.store(List.of(measurement("sensor-1", TS, 99.0), measurement("sensor-1", TS.plusSeconds(1), 22.0)),
                List.of());

        assertThat(jdbc.queryForList("select value from measurements order by ts", Double.class))
                .containsExactly(21.5, 22.0);
    }

    @Test
    void storesTwoCopiesInOneBatchOnceAndCountsTheDuplicate() {
        MeasurementStore.Stored stored = store.store(List.of(measurement("sensor-1", TS, 21.5),
                measurement("sensor-2", TS, 40.0), measurement("sensor-1", TS, 21.5)), List.of());

        assertThat(stored).isEqualTo(new MeasurementStore.Stored(2, 1, List.of()));
        assertThat(countMeasurements()).isEqualTo(2);
    }

    @Test
    void recordsEveryCopyOfAStoredReadingAndWhetherTheBrokerRedeliveredIt() {
        Instant receivedAgain = TS.plusSeconds(30);
        store.store(List.of(measurement("sensor-1", TS, 21.5)), List.of());

        store.store(List.of(
                new AcceptedReading("sensor-1", TS, 21.5, "°C", Quality.VALID, null, receivedAgain, true),
                new AcceptedReading("sensor-1", TS, 21.5, "°C", Quality.VALID, null, receivedAgain, false),
                measurement("sensor-2", TS, 40.0),
                measurement("sensor-2", TS, 40.0)), List.of());

        assertThat(jdbc.queryForList("select sensor_id || ' ' || (received_at = ?) || ' ' || redelivered"
                + " from duplicate_readings where ts = ? order by sensor_id, redelivered", String.class,
                Timestamp.from(receivedAgain), Timestamp.from(TS)))
                .containsExactly("sensor-1 true false", "sensor-1 true true", "sensor-2 false false");
        assertThat(countMeasurements()).isEqualTo(2);
    }

    @Test
    void storesEachFieldInItsOwnColumn() {
        Instant receivedAt = Instant.parse("2026-03-01T12:00:01.5Z");
        store.store(List.of(new AcceptedReading("sensor-1", TS, 21.5, "°C", Quality.OUT_OF_RANGE, 42L, receivedAt),
                new AcceptedReading("sensor-2", TS, -3.25, null, Quality.UNKNOWN_SENSOR, null, receivedAt)), List.of());

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select sensor_id, ts, value, unit, quality, seq, received_at from measurements order by sensor_id");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("sensor_id", "sensor-1")
                .containsEntry("ts", Timestamp.from(TS))
                .containsEntry("value", 21.5)
                .containsEntry("unit", "°C")
                .containsEntry("quality", "out_of_range")
                .containsEntry("seq", 42L)
                .containsEntry("received_at", Timestamp.from(receivedAt));
        assertThat(rows.get(1)).containsEntry("sensor_id", "sensor-2")
                .containsEntry("value", -3.25)
                .containsEntry("unit", null)
                .containsEntry("quality", "unknown_sensor")
                .containsEntry("seq", null);
    }

    @Test
    void givesRejectedMessagesIdsFromThePooledSequence() {
        store.store(List.of(), List.of(rejected(utf8("a")), rejected(utf8("b")), rejected(utf8("c"))));
        store.store(List.of(), List.of(rejected(utf8("d")), rejected(utf8("e"))));

        List<Long> ids = jdbc.queryForList("select id from rejected_messages order by id", Long.class);
        assertThat(ids).hasSize(5).doesNotContainNull();
        // One database call hands out a block of ids; one call per row would step by the increment of 50.
        assertThat(ids).containsExactlyElementsOf(consecutiveFrom(ids.get(0), 5));
        assertThat(jdbc.queryForObject("select last_value from rejected_messages_id_seq", Long.class))
                .isGreaterThanOrEqualTo(ids.get(ids.size() - 1));
    }

    @Test
    void storesARejectedPayloadAsTextOnlyWhenPostgresqlCanHoldIt() {
        byte[] text = utf8("{\"value\": \"21,5 °C\"}");
        byte[] invalidUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        byte[] withNul = utf8("{\"sensor_id\":\"sensor-1\u0000\"}");

        store.store(List.of(), List.of(rejected(text), rejected(invalidUtf8), rejected(withNul)));

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select payload, payload_text, reason, detail, topic, received_at from rejected_messages order by id");
        assertThat(rows).extracting(row -> (byte[]) row.get("payload")).containsExactly(text, invalidUtf8, withNul);
        assertThat(rows).extracting(row -> row.get("payload_text"))
                .containsExactly("{\"value\": \"21,5 °C\"}", null, null);
        assertThat(rows.get(0)).containsEntry("reason", "malformed_json")
                .containsEntry("detail", "test detail")
                .containsEntry("topic", "sensors/sensor-1/readings")
                .containsEntry("received_at", Timestamp.from(TS));
    }

    @Test
    void insertsAHundredMeasurementsInOneStatement() {
        List<AcceptedReading> measurements = IntStream.range(0, 100)
                .mapToObj(i -> measurement("sensor-" + (i % 4), TS.plus(i, ChronoUnit.MILLIS), i))
                .toList();
        // Counts the insert statements on measurements, as the rollup trigger sees them: once per statement.
        jdbc.execute("create table insert_statements (rows bigint)");
        jdbc.execute("""
                create function count_insert_statement() returns trigger language plpgsql as $$
                begin insert into insert_statements select count(*) from inserted; return null; end $$""");
        jdbc.execute("create trigger count_insert_statement after insert on measurements referencing new table as"
                + " inserted for each statement execute function count_insert_statement()");
        try {
            MeasurementStore.Stored stored = store.store(measurements, List.of());

            assertThat(stored.stored()).isEqualTo(100);
            assertThat(countMeasurements()).isEqualTo(100);
            assertThat(jdbc.queryForList("select rows from insert_statements", Long.class)).containsExactly(100L);
        }
        finally {
            jdbc.execute("drop trigger count_insert_statement on measurements");
            jdbc.execute("drop function count_insert_statement()");
            jdbc.execute("drop table insert_statements");
        }
    }

    @Test
    void insertsAHundredRejectedMessagesInAFewStatements() {
        List<DeadLetter> rejected = IntStream.range(0, 100).mapToObj(i -> rejected(utf8("bad " + i))).toList();
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();

        store.store(List.of(), rejected);

        assertThat(jdbc.queryForObject("select count(*) from rejected_messages", Integer.class)).isEqualTo(100);
        assertThat(statistics.getEntityInsertCount()).isEqualTo(100);
        // The insert, plus at most three calls for blocks of 50 ids.
        assertThat(statistics.getPrepareStatementCount()).isBetween(1L, 4L);
    }

    private int countMeasurements() {
        Integer count = jdbc.queryForObject("select count(*) from measurements", Integer.class);
        return count == null ? 0 : count;
    }

    @Test
    void countsLargeBatchesRightWhetherTheirRowsAreNewOrStoredAlready() {
        int size = MeasurementInsert.WITHOUT_CONFLICT_CHECK_FROM;
        List<AcceptedReading> first = readings(0, size + 500);
        List<AcceptedReading> overlapping = readings(size, 2 * size + 500);
        List<AcceptedReading> later = readings(3 * size, 4 * size + 200);
        long rolledUpBefore = rolledUp();

        // New rows (tried without the conflict clause), then some stored already (undone and done again with it),
        // then new ones after a batch that met stored rows, then all of them again.
        MeasurementStore.Stored stored = store.store(first, List.of(), false);
        MeasurementStore.Stored again = store.store(overlapping, List.of(), false);
        MeasurementStore.Stored fresh = store.store(later, List.of(), false);
        MeasurementStore.Stored twice = store.store(first, List.of(), false);
        MeasurementStore.Stored freshAfterAll = store.store(readings(5 * size, 6 * size), List.of(), false);

        assertThat(List.of(stored, again, fresh, twice, freshAfterAll))
                .extracting(MeasurementStore.Stored::stored, MeasurementStore.Stored::duplicates)
                .containsExactly(tuple(size + 500, 0), tuple(size, 500), tuple(size + 200, 0), tuple(0, size + 500),
                        tuple(size, 0));
        assertThat(countMeasurements()).isEqualTo(4 * size + 700);
        // The rollups saw each row once, however many times a batch was tried.
        assertThat(rolledUp() - rolledUpBefore).isEqualTo(4L * size + 700);
    }

    /** Readings counted in the minute rollups, which the truncation before each test leaves as they are. */
    private long rolledUp() {
        return jdbc.queryForObject("select coalesce(sum(reading_count), 0) from measurements_1min", Long.class);
    }

    private static List<AcceptedReading> readings(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> measurement("sensor-" + i % 7, TS.plusMillis(i), i)).toList();
    }

    @Test
    void storesEveryTimestampExactlyOverPostgresqlsWholeRange() {
        List<Instant> instants = List.of(Instant.parse("-4712-01-01T00:00:00.000001Z"),
                Instant.parse("0001-01-01T00:00:00.999999Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2026-03-29T01:30:00.123457Z"),
                Instant.parse("2262-04-11T23:47:16.854775Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.parse("+294000-12-31T23:59:59.999999Z"));
        List<AcceptedReading> readings = instants.stream()
                .map(ts -> new AcceptedReading("sensor-" + ts, ts, 1.0, null, Quality.VALID, null, ts)).toList();

        store.store(readings, List.of());

        // As text in UTC, which PostgreSQL prints whatever the instant; java.sql.Timestamp stops at year 9999.
        assertThat(jdbc.queryForList("select to_char(ts at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US BC')"
                + " || ' ' || (ts = received_at) from measurements order by ts", String.class)).containsExactly(
                "4713-01-01 00:00:00.000001 BC true", "0001-01-01 00:00:00.999999 AD true",
                "1969-12-31 23:59:59.999999 AD true", "1970-01-01 00:00:00.000000 AD true",
                "2026-03-29 01:30:00.123457 AD true", "2262-04-11 23:47:16.854775 AD true",
                "9999-12-31 23:59:59.999999 AD true", "294000-12-31 23:59:59.999999 AD true");
    }

    private static AcceptedReading measurement(String sensorId, Instant ts, double value) {
        return new AcceptedReading(sensorId, ts, value, "°C", Quality.VALID, null, TS.plusSeconds(1));
    }

    @Test
    void storesARedeliveredDeadLetterOnceButARepeatedOneAgain() {
        byte[] payload = utf8("{broken");
        store.store(List.of(), List.of(rejected(payload)));

        MeasurementStore.Stored redelivery = store.store(List.of(),
                List.of(new DeadLetter(TS, "sensors/sensor-1/readings", "sensor-1", "malformed_json", "test detail",
                        payload, true)));
        MeasurementStore.Stored repeat = store.store(List.of(), List.of(rejected(payload)));
        MeasurementStore.Stored firstDelivery = store.store(List.of(),
                List.of(new DeadLetter(TS, "sensors/sensor-2/readings", "sensor-2", "malformed_json", "test detail",
                        payload, true)));

        assertThat(redelivery).isEqualTo(new MeasurementStore.Stored(0, 1, List.of()));
        assertThat(repeat).isEqualTo(new MeasurementStore.Stored(0, 0, List.of("malformed_json")));
        assertThat(firstDelivery).isEqualTo(new MeasurementStore.Stored(0, 0, List.of("malformed_json")));
        assertThat(jdbc.queryForObject("select count(*) from rejected_messages", Integer.class)).isEqualTo(3);
        // A dead letter is not a reading: its copies are counted, not listed among duplicate readings.
        assertThat(jdbc.queryForObject("select count(*) from duplicate_readings", Integer.class)).isZero();
    }

    @Test
    void keepsTheSensorATopicNamesWithItsDeadLetter() {
        store.store(List.of(), List.of(
                new DeadLetter(TS, "sensors/sensor-3/readings", "sensor-3", "malformed_json", "d", utf8("{"), false)));

        assertThat(jdbc.queryForObject("select sensor_id from rejected_messages", String.class)).isEqualTo("sensor-3");
    }

    private static DeadLetter rejected(byte[] payload) {
        return new DeadLetter(TS, "sensors/sensor-1/readings", "malformed_json", "test detail", payload);
    }

    private static List<Long> consecutiveFrom(long first, int count) {
        return LongStream.range(first, first + count).boxed().toList();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("measurement-store-raw");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Clears the broker session and drops the database once {@code @DirtiesContext} has closed the collector:
     * cleared any earlier, the still-running collector would reconnect and open its session again. Ordered
     * first, so it runs last after the test class.
     */
    static class CleanUpAfterTheCollector implements TestExecutionListener, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterTestClass(TestContext testContext) throws IOException {
            if (testContext.hasApplicationContext()) {
                throw new IllegalStateException("The collector is still running; its session would come back");
            }
            MqttTestClient.clearSession(TestBroker.url(), mqttName);
            database.close();
            FileSystemUtils.deleteRecursively(rawDirectory);
        }
    }
}
