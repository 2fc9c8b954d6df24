package io.github.iotpipeline.generator.simulation;

import io.github.iotpipeline.generator.GeneratorProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SimulationConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Config.class, SimulationConfiguration.class)
            .withPropertyValues("generator.seed=7");

    @Test
    void logsEachActiveFaultWithItsSensorsAtStartup(CapturedOutput output) {
        runner.withPropertyValues("generator.faults.dropout.sensors=sensor-2,sensor-4",
                "generator.faults.clock-drift.sensors=sensor-1", "generator.faults.clock-drift.offset=-30s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SensorFleet.class);
                    assertThat(output).contains("Simulating fault dropout on sensor-2, sensor-4: publishes nothing"
                            + " during the last PT20S of every PT1M");
                    assertThat(output).contains("Simulating fault clock-drift on sensor-1: clock off by PT-30S,"
                            + " drifting PT1S per minute");
                    assertThat(output).doesNotContain("Simulating fault duplicates", "Simulating fault stuck");
                });
    }

    @Test
    void logsNoFaultWhenNoneIsConfigured(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SensorFleet.class);
            assertThat(output).contains("Simulating 5 sensors with seed 7").doesNotContain("Simulating fault");
        });
    }

    @Test
    void refusesToStartWithAFaultOnASensorItDoesNotSimulate() {
        runner.withPropertyValues("generator.sensor-count=3", "generator.faults.stuck.sensors=sensor-4")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("generator.faults.stuck.sensors")
                        .hasMessageContaining("'sensor-4'"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({GeneratorProperties.class, FaultProperties.class})
    static class Config {
    }
}
