package io.github.iotpipeline.testsupport;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line the fixtures start a collector with. */
class CollectorArgumentsTests {

    private static final TestDatabase DATABASE = new TestDatabase("jdbc:postgresql://db:5432/ingest_1", "tester",
            "secret", "ingest_1", new TestDatabase.Admin("jdbc:postgresql://db:5432/postgres", "tester", "secret"));

    private final CollectorArguments arguments =
            CollectorArguments.of(DATABASE, "tcp://broker:1883", "ingest-1", Path.of("raw"));

    @Test
    void pointsTheCollectorAtTheDatabaseAndBrokerUnderANameOfItsOwn() {
        assertThat(arguments.commandLine()).containsExactly(
                "--spring.datasource.url=jdbc:postgresql://db:5432/ingest_1",
                "--spring.datasource.username=tester",
                "--spring.datasource.password=secret",
                "--mqtt.url=tcp://broker:1883",
                "--mqtt.client-id=ingest-1",
                "--mqtt.topic-root=ingest-1",
                "--collector.raw.directory=raw",
                "--server.port=0");
    }

    @Test
    void givesEachPropertyOnceWithTheLastValueSetForIt() {
        CollectorArguments changed = arguments
                .with("collector.batch.flush-interval", "2s")
                .with(Map.of("collector.batch.flush-interval", "1s", "server.port", 8081))
                .withDatasourceUrl("jdbc:postgresql://127.0.0.1:6543/ingest_1");

        assertThat(changed.commandLine())
                .containsOnlyOnce("--collector.batch.flush-interval=1s", "--server.port=8081",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:6543/ingest_1")
                .doesNotContain("--collector.batch.flush-interval=2s", "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://db:5432/ingest_1")
                .hasSize(arguments.commandLine().size() + 1);
        assertThat(arguments.commandLine()).doesNotContain("--collector.batch.flush-interval=2s");
    }
}
