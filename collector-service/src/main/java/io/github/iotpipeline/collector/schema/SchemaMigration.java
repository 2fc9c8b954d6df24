package io.github.iotpipeline.collector.schema;

import java.time.Duration;

import io.github.iotpipeline.collector.background.Backoff;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Migrates the schema with Flyway once the database answers, then checks that the entities match it.
 * <p>
 * Spring Boot would migrate during startup and refuse to start while PostgreSQL is down; a collector that
 * does not start cannot keep its broker session or report its health. So this runs in the background,
 * retrying with backoff, and nothing is written before it has succeeded.
 */
@Component
public class SchemaMigration implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);
    private static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(15);

    private final EntityManagerFactory entityManagerFactory;
    private final SchemaProperties properties;

    private volatile @Nullable Thread worker;
    private volatile boolean ready;
    private volatile @Nullable String problem = "not migrated yet";

    SchemaMigration(EntityManagerFactory entityManagerFactory, SchemaProperties properties) {
        this.entityManagerFactory = entityManagerFactory;
        this.properties = properties;
    }

    /** True once the schema is migrated and matches the entities. */
    public boolean ready() {
        return ready;
    }

    /** Why the schema is not ready; null once it is. */
    public @Nullable String problem() {
        return ready ? null : problem;
    }

    @Override
    public void start() {
        worker = new Thread(this::migrateUntilDone, "schema-migration");
        worker.setDaemon(true);
        worker.start();
    }

    private void migrateUntilDone() {
        Backoff backoff = new Backoff(properties.retryInterval(), MAX_RETRY_INTERVAL);
        while (!ready && !Thread.currentThread().isInterrupted()) {
            try {
                flyway().migrate();
                entityManagerFactory.getSchemaManager().validate();
                ready = true;
                log.info("Schema migrated and validated");
            }
            catch (RuntimeException | SchemaValidationException ex) {
                // A mismatch between entities and schema needs a person, but retrying costs nothing and
                // recovers by itself should a newer collector migrate the schema meanwhile.
                problem = ex.getMessage();
                Duration wait = backoff.next();
                log.warn("Schema not ready, retrying in {} ms: {}", wait.toMillis(), ex.getMessage());
                if (!pause(wait)) {
                    return;
                }
            }
        }
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(properties.url(), properties.user(), properties.password())
                .locations(properties.locations().toArray(String[]::new))
                // Fail fast on an unreachable database; this loop does the retrying.
                .connectRetries(0)
                .load();
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
