package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a YAML document starts, by JSON pointer, so that problems found after parsing (an unknown
 * identity, a missing field) still name a line and column. Jackson's tree model keeps no locations.
 */
final class YamlLocations {

    private final Map<String, JsonLocation> byPointer;

    private YamlLocations(Map<String, JsonLocation> byPointer) {
        this.byPointer = byPointer;
    }

    static YamlLocations of(YAMLFactory factory, String yaml) throws IOException {
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = factory.createParser(yaml)) {
            while (parser.nextToken() != null) {
                JsonToken token = parser.currentToken();
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                        ? parser.getParsingContext().getParent() == null ? ""
                        : parser.getParsingContext().getParent().pathAsPointer().toString()
                        : parser.getParsingContext().pathAsPointer().toString();
                locations.putIfAbsent(pointer, parser.currentTokenLocation());
            }
        }
        return new YamlLocations(locations);
    }

    /** The node's location, or its nearest ancestor's. */
    JsonLocation at(String pointer) {
        String p = pointer;
        while (true) {
            JsonLocation location = byPointer.get(p);
            if (location != null || p.isEmpty()) {
                return location;
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }
}
