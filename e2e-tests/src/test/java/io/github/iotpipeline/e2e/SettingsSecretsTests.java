package io.github.iotpipeline.e2e;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No settings record of either service prints a password: a log line or an exception message that shows the
 * settings (Spring's binding failures do) must not leak it. Every {@code @ConfigurationProperties} record with
 * a password or secret component is built with a known value there and its {@code toString()} searched for it.
 */
class SettingsSecretsTests {

    private static final String SECRET = "s3cret-that-must-not-show";

    @Test
    void noSettingsRecordOfEitherServicePrintsAPassword() throws Exception {
        List<Class<?>> withSecrets = settingsRecords().stream().filter(SettingsSecretsTests::hasSecret).toList();

        assertThat(withSecrets).extracting(Class::getName).contains(
                "io.github.iotpipeline.collector.ingest.MqttProperties",
                "io.github.iotpipeline.collector.schema.SchemaProperties",
                "io.github.iotpipeline.collector.objectstore.ObjectStoreProperties",
                "io.github.iotpipeline.generator.publish.MqttProperties");
        for (Class<?> type : withSecrets) {
            assertThat(instance(type).toString()).as(type.getName()).doesNotContain(SECRET);
        }
    }

    private static List<Class<?>> settingsRecords() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> records = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.github.iotpipeline")) {
            Class<?> type = ClassUtils.forName(candidate.getBeanClassName(),
                    SettingsSecretsTests.class.getClassLoader());
            if (type.isRecord()) {
                records.add(type);
            }
        }
        return records;
    }

    private static boolean hasSecret(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).anyMatch(SettingsSecretsTests::isSecret);
    }

    private static boolean isSecret(RecordComponent component) {
        String name = component.getName().toLowerCase(Locale.ROOT);
        return component.getType() == String.class && (name.contains("password") || name.contains("secret"));
    }

    private static Object instance(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(components).map(SettingsSecretsTests::sample).toArray();
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

    /** A valid value of each component: the secret where it belongs, plain values elsewhere. */
    private static Object sample(RecordComponent component) {
        Class<?> type = component.getType();
        if (isSecret(component)) {
            return SECRET;
        }
        if (type == String.class) {
            return "tcp://localhost:1883";
        }
        if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 1 : (Object) 1L;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == double.class) {
            return 0.5;
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        return null;
    }
}
