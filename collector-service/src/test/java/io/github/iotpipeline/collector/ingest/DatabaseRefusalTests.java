package io.github.iotpipeline.collector.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reading that passes the contract but that PostgreSQL refuses (here: a check constraint an operator
 * added) must not hold back the rest of its batch.
 */
class DatabaseRefusalTests {

    @TempDir
    static Path rawDirectory;

    private static TestDatabase database;
    private static RunningCollector collector;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("refusal");
        collector = RunningCollector.start(database, TestBroker.url(), TestBroker.uniqueName("refusal"), rawDirectory,
                Map.of("collector.batch.flush-interval", "2s"));
        collector.jdbc().execute("alter table measurements add constraint no_value_666 check (value <> 666)");
    }

    @AfterAll
    static void stop() {
        collector.close();
        database.close();
    }

    @Test
    void isolatesTheRefusedReadingAndStoresTheRestOfItsBatch() {
        ReadingCodec codec = new ReadingCodec();
        Instant base = Instant.parse("2026-11-20T00:00:00Z");
        try (MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(),
                TestBroker.uniqueName("refusal-pub"))) {
            for (int i = 0; i < 20; i++) {
                double value = i == 13 ? 666 : 20 + i;
                publisher.publish(collector.topics().topicFor("sensor-1"),
                        codec.encode(new SensorReading("sensor-1", base.plusSeconds(i), value, "°C", (long) i)));
            }
        }

        await().atMost(Duration.ofSeconds(15))
                .until(() -> count("measurements") == 19 && count("rejected_messages") == 1);
        Map<String, Object> refused = collector.jdbc()
                .queryForMap("select reason, detail, payload_text from rejected_messages");
        assertThat(refused.get("reason")).isEqualTo("database_rejected");
        assertThat((String) refused.get("detail")).contains("no_value_666").contains("SQLSTATE 23514");
        assertThat((String) refused.get("payload_text")).contains("\"seq\":13");
        assertThat(collector.jdbc().queryForList("select seq from measurements order by seq", Long.class))
                .hasSize(19).doesNotContain(13L);
    }

    private static int count(String table) {
        Integer count = collector.jdbc().queryForObject("select count(*) from " + table, Integer.class);
        return count == null ? 0 : count;
    }
}
