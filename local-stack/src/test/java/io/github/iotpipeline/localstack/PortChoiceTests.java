package io.github.iotpipeline.localstack;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotpipeline.localstack.LocalStackSettings.PortSetting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortChoiceTests {

    private static final Set<Integer> TAKEN = Set.of(5432, 1883);

    private final AtomicInteger nextFree = new AtomicInteger(40000);

    private final PortChoice ports = new PortChoice(port -> !TAKEN.contains(port), nextFree::getAndIncrement);

    @Test
    void keepsADefaultPortThatIsFree() {
        PortChoice.Chosen chosen = ports.choose(new PortSetting("COLLECTOR_PORT", "collector", 8080, false));

        assertThat(chosen.port()).isEqualTo(8080);
        assertThat(chosen.moved()).isFalse();
    }

    @Test
    void movesADefaultPortThatIsTakenToAFreeOne() {
        PortChoice.Chosen chosen = ports.choose(new PortSetting("POSTGRES_PORT", "PostgreSQL", 5432, false));

        assertThat(chosen.port()).isEqualTo(40000);
        assertThat(chosen.moved()).isTrue();
    }

    @Test
    void stopsOnAnExplicitPortThatIsTakenNamingThePortAndTheVariable() {
        assertThatThrownBy(() -> ports.choose(new PortSetting("MQTT_PORT", "the MQTT broker", 1883, true)))
                .isInstanceOf(StartupFailure.class)
                .hasMessage("Port 1883 for the MQTT broker (MQTT_PORT) is already in use: stop what listens there,"
                        + " or set MQTT_PORT to another port");
    }

    @Test
    void neverGivesTwoServicesTheSamePort() {
        ports.choose(new PortSetting("COLLECTOR_PORT", "collector", 8080, false));
        PortChoice.Chosen second = ports.choose(new PortSetting("GENERATOR_PORT", "generator", 8080, false));

        assertThat(second.port()).isEqualTo(40000);
    }
}
