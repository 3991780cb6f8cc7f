package io.tokenworkbench.client.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenworkbench.client.support.OwnerOnlyFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What the workbench remembers between runs: the window's place and size, the last page, the theme and the probe path. Kept in
 * {@code settings.json} in the config folder; a missing or unreadable file gives the defaults, never an error.
 *
 * @param x         window x, or NaN for "centre it"
 * @param y         window y, or NaN
 * @param width     window width
 * @param height    window height
 * @param maximized whether the window was maximized
 * @param lastPage  the page shown last
 * @param theme     {@code light} or {@code dark}
 * @param probePath the path the workbench asks to tell whether the server is up (any HTTP answer means it is)
 * @param suiteEditorShare how much of the access matrix page's width the suite editor takes, 0.15 to 0.85
 * @param compactMatrix    whether the matrix shows narrow columns with upright headers
 */
public record WorkbenchSettings(@JsonProperty("x") double x, @JsonProperty("y") double y,
                                @JsonProperty("width") double width, @JsonProperty("height") double height,
                                @JsonProperty("maximized") boolean maximized,
                                @JsonProperty("last_page") String lastPage, @JsonProperty("theme") String theme,
                                @JsonProperty("probe_path") String probePath,
                                @JsonProperty("suite_editor_share") double suiteEditorShare,
                                @JsonProperty("compact_matrix") boolean compactMatrix) {

    public static final String FILE_NAME = "settings.json";
    private static final double DEFAULTS_WIDTH = 1200;
    private static final double DEFAULTS_HEIGHT = 800;
    private static final Set<String> THEMES = Set.of("light", "dark");
    private static final double MIN_WIDTH = 640;
    private static final double MIN_HEIGHT = 480;
    private static final double DEFAULT_EDITOR_SHARE = 0.34;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true);
    /** Declared after the constants its construction reads. */
    public static final WorkbenchSettings DEFAULTS =
            new WorkbenchSettings(Double.NaN, Double.NaN, DEFAULTS_WIDTH, DEFAULTS_HEIGHT, false, "identities", "light",
                    "/", DEFAULT_EDITOR_SHARE, false);

    /** Cleans up values from an old or hand-edited file: sizes at least 640×480, a known theme, some page. */
    public WorkbenchSettings {
        width = Double.isFinite(width) && width >= MIN_WIDTH ? width : DEFAULTS_WIDTH;
        height = Double.isFinite(height) && height >= MIN_HEIGHT ? height : DEFAULTS_HEIGHT;
        x = Double.isFinite(x) ? x : Double.NaN;
        y = Double.isFinite(y) ? y : Double.NaN;
        lastPage = lastPage == null || lastPage.isBlank() ? "identities" : lastPage;
        theme = theme != null && THEMES.contains(theme) ? theme : "light";
        probePath = probePath == null || !probePath.startsWith("/") ? "/" : probePath;
        suiteEditorShare = suiteEditorShare >= 0.15 && suiteEditorShare <= 0.85 ? suiteEditorShare
                : DEFAULT_EDITOR_SHARE;
    }

    /** The settings in {@code configDir}, or the defaults when there are none or they cannot be read. */
    public static WorkbenchSettings load(Path configDir) {
        Path file = configDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        try {
            WorkbenchSettings settings = JSON.readValue(file.toFile(), WorkbenchSettings.class);
            return settings == null ? DEFAULTS : settings;
        } catch (IOException | RuntimeException e) {
            return DEFAULTS;
        }
    }

    /** Writes the settings, replacing the file atomically (a crash leaves the old one or the new one). */
    public void save(Path configDir) throws IOException {
        OwnerOnlyFiles.write(configDir.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
    }

    public WorkbenchSettings withWindow(double newX, double newY, double newWidth, double newHeight,
                                        boolean newMaximized) {
        return new WorkbenchSettings(newX, newY, newWidth, newHeight, newMaximized, lastPage, theme, probePath,
                suiteEditorShare, compactMatrix);
    }

    public WorkbenchSettings withLastPage(String page) {
        return new WorkbenchSettings(x, y, width, height, maximized, page, theme, probePath, suiteEditorShare,
                compactMatrix);
    }

    public WorkbenchSettings withTheme(String newTheme) {
        return new WorkbenchSettings(x, y, width, height, maximized, lastPage, newTheme, probePath, suiteEditorShare,
                compactMatrix);
    }

    public WorkbenchSettings withProbePath(String path) {
        return new WorkbenchSettings(x, y, width, height, maximized, lastPage, theme, path, suiteEditorShare,
                compactMatrix);
    }

    public WorkbenchSettings withMatrix(double editorShare, boolean compact) {
        return new WorkbenchSettings(x, y, width, height, maximized, lastPage, theme, probePath, editorShare, compact);
    }

    public boolean dark() {
        return theme.equals("dark");
    }
}
