package io.tokenworkbench.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The databases the HTTP tests run on: the embedded H2 file (the default) and a real PostgreSQL 17, one server for
 * the whole test run (started on first use, about 9 s) and a fresh database on it for each server a test starts.
 */
final class TestDatabases {

    /** The names a parameterized test class runs under. */
    static final String H2 = "h2";
    static final String POSTGRESQL = "postgresql";

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /**
     * The environment that points a backend at a fresh database of the kind: nothing for H2 (the data dir's file),
     * {@code DB_URL} and credentials of a new PostgreSQL database otherwise.
     */
    static Map<String, String> fresh(String kind) {
        return switch (kind) {
            case H2 -> Map.of();
            case POSTGRESQL -> {
                String name = "twb_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
                EmbeddedPostgres server = postgres();
                try (Connection admin = server.getPostgresDatabase().getConnection();
                     Statement statement = admin.createStatement()) {
                    statement.execute("create database " + name);
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not create the test database " + name, e);
                }
                yield Map.of("DB_URL", "jdbc:postgresql://localhost:" + server.getPort() + "/" + name,
                        "DB_USERNAME", "postgres", "DB_PASSWORD", "postgres");
            }
            default -> throw new IllegalArgumentException("No test database kind " + kind);
        };
    }

    /** The run's PostgreSQL server. */
    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the run is over; the server's folder is temporary anyway
                }
            }, "embedded-postgres-stop"));
        }
        return postgres;
    }
}
