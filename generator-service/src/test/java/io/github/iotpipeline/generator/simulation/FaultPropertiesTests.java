package io.github.iotpipeline.generator.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.iotpipeline.generator.simulation.FaultProperties.ClockDrift;
import io.github.iotpipeline.generator.simulation.FaultProperties.Dropout;
import io.github.iotpipeline.generator.simulation.FaultProperties.Duplicates;
import io.github.iotpipeline.generator.simulation.FaultProperties.LateBurst;
import io.github.iotpipeline.generator.simulation.FaultProperties.Spikes;
import io.github.iotpipeline.generator.simulation.FaultProperties.Stuck;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

class FaultPropertiesTests {

    private static final FaultProperties DEFAULTS = new FaultProperties(
            new Dropout(List.of(), ofSeconds(60), ofSeconds(20)),
            new Stuck(List.of(), ofMinutes(10), ofMinutes(5)),
            new Spikes(List.of(), 0.05),
            new ClockDrift(List.of(), Duration.ZERO, ofSeconds(1)),
            new Duplicates(List.of(), 0.1),
            new LateBurst(List.of(), ofSeconds(60), ofSeconds(20)));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Config.class);

    @Test
    void turnsEveryFaultOffByDefault() {
        runner.run(context -> assertThat(context.getBean(FaultProperties.class)).isEqualTo(DEFAULTS));
    }

    @Test
    void givesGeneratorYmlTheSameDefaults() {
        withGeneratorYmlAndEnvironment(Map.of())
                .run(context -> assertThat(context.getBean(FaultProperties.class)).isEqualTo(DEFAULTS));
    }

    @Test
    void bindsTheEnvironmentVariablesNamedInGeneratorYml() {
        withGeneratorYmlAndEnvironment(Map.ofEntries(
                Map.entry("GENERATOR_FAULTS_DROPOUT_SENSORS", "sensor-1, sensor-3"),
                Map.entry("GENERATOR_FAULTS_DROPOUT_PERIOD", "2m"),
                Map.entry("GENERATOR_FAULTS_DROPOUT_DURATION", "30s"),
                Map.entry("GENERATOR_FAULTS_STUCK_SENSORS", "sensor-2"),
                Map.entry("GENERATOR_FAULTS_STUCK_PERIOD", "1h"),
                Map.entry("GENERATOR_FAULTS_STUCK_DURATION", "15m"),
                Map.entry("GENERATOR_FAULTS_SPIKES_SENSORS", "sensor-3"),
                Map.entry("GENERATOR_FAULTS_SPIKES_PROBABILITY", "0.5"),
                Map.entry("GENERATOR_FAULTS_CLOCK_DRIFT_SENSORS", "sensor-4"),
                Map.entry("GENERATOR_FAULTS_CLOCK_DRIFT_OFFSET", "-30s"),
                Map.entry("GENERATOR_FAULTS_CLOCK_DRIFT_DRIFT_PER_MINUTE", "-2s"),
                Map.entry("GENERATOR_FAULTS_DUPLICATES_SENSORS", "sensor-5"),
                Map.entry("GENERATOR_FAULTS_DUPLICATES_PROBABILITY", "1"),
                Map.entry("GENERATOR_FAULTS_LATE_BURST_SENSORS", "sensor-1"),
                Map.entry("GENERATOR_FAULTS_LATE_BURST_PERIOD", "5m"),
                Map.entry("GENERATOR_FAULTS_LATE_BURST_DURATION", "90s")))
                .run(context -> assertThat(context.getBean(FaultProperties.class)).isEqualTo(new FaultProperties(
                        new Dropout(List.of("sensor-1", "sensor-3"), ofMinutes(2), ofSeconds(30)),
                        new Stuck(List.of("sensor-2"), Duration.ofHours(1), ofMinutes(15)),
                        new Spikes(List.of("sensor-3"), 0.5),
                        new ClockDrift(List.of("sensor-4"), ofSeconds(-30), ofSeconds(-2)),
                        new Duplicates(List.of("sensor-5"), 1.0),
                        new LateBurst(List.of("sensor-1"), ofMinutes(5), ofSeconds(90)))));
    }

    @Test
    void bindsAnEmptySensorsVariableToNoSensors() {
        withGeneratorYmlAndEnvironment(Map.of("GENERATOR_FAULTS_DUPLICATES_SENSORS", ""))
                .run(context -> assertThat(context.getBean(FaultProperties.class).duplicates().sensors()).isEmpty());
    }

    @Test
    void acceptsAClockThatIsBehind() {
        runner.withPropertyValues("generator.faults.clock-drift.offset=-90s")
                .run(context -> assertThat(context.getBean(FaultProperties.class).clockDrift().offset())
                        .isEqualTo(ofSeconds(-90)));
    }

    @Test
    void refusesAWindowThatIsNotShorterThanItsPeriod() {
        String shorter = "duration must be shorter than period";
        assertRefused("generator.faults.dropout.duration=60s", "dropout.", shorter);
        assertRefused("generator.faults.stuck.period=5m", "stuck.", shorter);
        assertRefused("generator.faults.late-burst.duration=2m", "lateBurst.", shorter);
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertRefused("generator.faults.dropout.duration=0s", "dropout.duration");
        assertRefused("generator.faults.spikes.probability=1.5", "spikes.probability");
        assertRefused("generator.faults.duplicates.probability=-0.1", "duplicates.probability");
    }

    private void assertRefused(String property, String... reasons) {
        runner.withPropertyValues(property).run(context -> assertThat(context)
                .as(property)
                .hasFailed()
                .getFailure().rootCause().message().contains(reasons));
    }

    private ApplicationContextRunner withGeneratorYmlAndEnvironment(Map<String, Object> environment) {
        return runner.withInitializer(context -> {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            // A plain map rather than the system environment, so only the names written in generator.yml match.
            sources.addLast(new MapPropertySource("environment", environment));
            sources.addLast(generatorYml());
        });
    }

    private static PropertySource<?> generatorYml() {
        try {
            return new YamlPropertySourceLoader().load("generator.yml", new ClassPathResource("generator.yml")).get(0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FaultProperties.class)
    static class Config {
    }
}
