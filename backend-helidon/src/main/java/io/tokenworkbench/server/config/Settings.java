package io.tokenworkbench.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw configuration values: {@code application.yaml} overlaid by environment variables. Every key has one
 * environment variable, its name upper-cased with '.' and '-' turned into '_' ({@code app.dev-mode} →
 * {@code APP_DEV_MODE}); Helidon's own mapping would read {@code APP_DEV_MODE} as {@code app.dev.mode}, so the
 * table is applied here, explicitly.
 */
final class Settings {

    private final Config yaml;
    private final Map<String, String> environment;

    Settings(Config yaml, Map<String, String> environment) {
        this.yaml = yaml;
        this.environment = environment;
    }

    static Settings fromClasspath(Map<String, String> environment) {
        Config yaml = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.classpath("application.yaml"))
                .build();
        return new Settings(yaml, environment);
    }

    static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    String string(String key) {
        String fromEnvironment = environment.get(environmentVariable(key));
        if (fromEnvironment != null) {
            return fromEnvironment.strip();
        }
        return yaml.get(key).asString().map(String::strip)
                .orElseThrow(() -> new ConfigException("Missing configuration key " + describe(key)));
    }

    int integer(String key) {
        String value = string(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(key) + " must be a whole number, not '" + value + "'");
        }
    }

    boolean bool(String key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(describe(key) + " must be true or false, not '" + value + "'");
        };
    }

    /** ISO-8601 ({@code PT15M}) or a number of seconds. */
    Duration duration(String key) {
        String value = string(key);
        try {
            return value.matches("-?\\d+") ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ConfigException(describe(key) + " must be an ISO-8601 duration such as PT15M or seconds, not '"
                    + value + "'");
        }
    }

    List<String> list(String key) {
        return Arrays.stream(string(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String describe(String key) {
        return "'" + key + "' (environment variable " + environmentVariable(key) + ")";
    }
}
