package io.tokenworkbench.client.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkbenchSettingsTest {

    @TempDir
    Path configDir;

    @Test
    void settingsSurviveARoundTrip() throws Exception {
        WorkbenchSettings saved = WorkbenchSettings.DEFAULTS.withWindow(10, 20, 1000, 700, true)
                .withLastPage("checks").withTheme("dark");

        saved.save(configDir);

        assertEquals(saved, WorkbenchSettings.load(configDir));
        assertTrue(WorkbenchSettings.load(configDir).dark());
    }

    @Test
    void aMissingFileGivesTheDefaults() {
        assertEquals(WorkbenchSettings.DEFAULTS, WorkbenchSettings.load(configDir.resolve("nowhere")));
        assertTrue(Double.isNaN(WorkbenchSettings.DEFAULTS.x()), "a first start centres the window");
    }

    @Test
    void aCorruptOrHandEditedFileNeverBreaksTheStart() throws Exception {
        Files.writeString(configDir.resolve(WorkbenchSettings.FILE_NAME), "{\"width\": ");
        assertEquals(WorkbenchSettings.DEFAULTS, WorkbenchSettings.load(configDir));

        Files.writeString(configDir.resolve(WorkbenchSettings.FILE_NAME),
                "{\"width\": 5, \"height\": -1, \"theme\": \"purple\", \"last_page\": \"\", \"extra\": 1}");
        WorkbenchSettings cleaned = WorkbenchSettings.load(configDir);
        assertEquals(1200, cleaned.width());
        assertEquals(800, cleaned.height());
        assertEquals("light", cleaned.theme());
        assertEquals("identities", cleaned.lastPage());
    }
}
