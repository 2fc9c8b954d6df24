package io.github.iotpipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 server run from the binaries on the classpath, as child processes of this JVM, listening on
 * loopback. The superuser is {@code postgres}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A server for tests: a new data directory that is deleted on close, without the durability settings a
     * test does not need (no fsync, asynchronous commit), on a free port.
     */
    public static EmbeddedDatabase startDisposable() {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start: " + ex.getMessage(), ex);
        }
    }

    /**
     * A server that keeps its data in {@code dataDirectory} (created with {@code initdb} the first time) and
     * commits durably, as a server holding real readings must: the collector acknowledges a reading to the
     * broker only after its commit. {@code postgres} keeps password-less access from loopback; every other
     * user logs in with its password.
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "50")
                    .setDataDirectoryCustomizer(directory -> writeClientAuthentication(directory.toPath()))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start on port " + port + " with data in "
                    + dataDirectory + ": " + ex.getMessage(), ex);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of a database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}): committed data is on disk. */
    @Override
    public void close() {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The embedded PostgreSQL did not stop cleanly", ex);
        }
    }

    private static void writeClientAuthentication(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    # Written by the local stack at every start.
                    local all postgres                trust
                    host  all postgres  127.0.0.1/32  trust
                    host  all all       127.0.0.1/32  scram-sha-256
                    """);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write " + dataDirectory.resolve("pg_hba.conf"), ex);
        }
    }
}
