package io.tokenworkbench.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tokenworkbench.server.config.AppConfig;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The connection pool, migrated by Flyway on open. Thread-safe; close it once, at shutdown. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** How long a request waits for a connection before it is told the database is unavailable. */
    public static final java.time.Duration CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(3);

    /** Opens the pool on the configured database (creating the data dir for H2) and migrates it. */
    public static Database open(AppConfig config) {
        if (config.database().url().isBlank()) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data dir " + config.dataDir(), e);
            }
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        if (!config.database().username().isBlank()) {
            hikari.setUsername(config.database().username());
            hikari.setPassword(config.database().password());
        }
        hikari.setMaximumPoolSize(config.database().poolSize());
        hikari.setPoolName("workbench-db");
        // While the database is unreachable a request fails within seconds (503) instead of holding its caller for
        // HikariCP's default 30 s; when it is back the pool reconnects by itself.
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setValidationTimeout(Math.min(1_000, CONNECTION_TIMEOUT.toMillis()));
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * Whether a failure is a unique-constraint violation (SQLSTATE 23505, the same on H2 and PostgreSQL): what an
     * insert that relies on the constraint, rather than on a check beforehand, gets when it lost a race.
     */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether opening failed because another process holds the embedded database file (H2's error 90020). */
    public static boolean isAlreadyInUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
