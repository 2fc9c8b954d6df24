package io.github.iotpipeline.collector.analytics;

import io.github.iotpipeline.testsupport.ProjectRoot;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The project's Flyway migrations, from db/migration at the top of the repository, applied to a test database. */
public final class Migrations {

    private Migrations() {
    }

    /** Migrates the database to the newest version. */
    public static void apply(TestDatabase database) {
        configure(database).load().migrate();
    }

    /** Migrates the database up to and including the given version only. */
    static void applyUpTo(TestDatabase database, String version) {
        configure(database).target(version).load().migrate();
    }

    private static FluentConfiguration configure(TestDatabase database) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("filesystem:" + ProjectRoot.resolve("db/migration"));
    }
}
