package io.tokenworkbench.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data folder holds the database file and dev keys: only its owner may enter it (0700), and its files are the
 * owner's alone (0600), whatever the process's umask made of them. On file systems without POSIX permissions
 * nothing is changed.
 */
public final class DataDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates the folder if needed and narrows it and everything in it to the owner. */
    public static void secure(Path dataDir) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new UncheckedIOException(new java.nio.file.NotDirectoryException(dataDir.toString()));
        }
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.exists(dataDir)) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            }
            try (Stream<Path> entries = Files.walk(dataDir, 2)) {
                for (Path entry : entries.toList()) {
                    Files.setPosixFilePermissions(entry, Files.isDirectory(entry) ? OWNER_ONLY_DIR : OWNER_ONLY_FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot secure the data dir " + dataDir, e);
        }
    }
}
