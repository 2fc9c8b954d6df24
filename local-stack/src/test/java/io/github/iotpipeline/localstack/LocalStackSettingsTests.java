package io.github.iotpipeline.localstack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackSettingsTests {

    @Test
    void takesTheComposeStacksDefaultsFromAnEmptyEnvironment() {
        LocalStackSettings settings = LocalStackSettings.from(Map.of());

        assertThat(settings.postgresPort().port()).isEqualTo(5432);
        assertThat(settings.mqttPort().port()).isEqualTo(1883);
        assertThat(settings.collectorPort().port()).isEqualTo(8080);
        assertThat(settings.generatorPort().port()).isEqualTo(8081);
        assertThat(settings.postgresPort().explicit()).isFalse();
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("data/local").toAbsolutePath());
        assertThat(settings.passwords()).isEqualTo(new LocalStackSettings.Passwords("iot", "collector", "bi_reader"));
        assertThat(settings.collectorFlushInterval()).isEqualTo("2s");
        assertThat(settings.collectorShutdownTimeout()).isEqualTo("20s");
    }

    @Test
    void marksAPortFromTheEnvironmentAsExplicit() {
        LocalStackSettings settings = LocalStackSettings.from(Map.of("MQTT_PORT", "11883"));

        assertThat(settings.mqttPort().port()).isEqualTo(11883);
        assertThat(settings.mqttPort().explicit()).isTrue();
    }

    @Test
    void refusesAPortThatIsNotANumberNamingTheVariable() {
        assertThatThrownBy(() -> LocalStackSettings.from(Map.of("POSTGRES_PORT", "54x32")))
                .isInstanceOf(StartupFailure.class)
                .hasMessage("POSTGRES_PORT=54x32 is not a port number (1 to 65535)");
        assertThatThrownBy(() -> LocalStackSettings.from(Map.of("COLLECTOR_PORT", "70000")))
                .isInstanceOf(StartupFailure.class)
                .hasMessage("COLLECTOR_PORT=70000 is not a port number (1 to 65535)");
    }

    @Test
    void printsNoPassword() {
        LocalStackSettings settings = LocalStackSettings.from(Map.of("BI_READER_PASSWORD", "s3cret-reader"));

        assertThat(settings.toString()).doesNotContain("s3cret-reader").doesNotContain("bi_reader,");
    }
}
