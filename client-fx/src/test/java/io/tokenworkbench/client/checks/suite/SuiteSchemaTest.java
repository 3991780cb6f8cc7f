package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published JSON Schema tells the truth about the format the parser reads. */
class SuiteSchemaTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SuiteParser.class.getResourceAsStream("/io/tokenworkbench/client/checks/suite.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(String yaml) throws Exception {
        JsonNode suite = new YAMLMapper().readTree(yaml);
        return schema.validate(suite);
    }

    @Test
    void theBuiltInSuiteIsValidUnderTheSchema() throws Exception {
        Set<ValidationMessage> messages = validate(SuiteParser.builtinText());
        assertTrue(messages.isEmpty(), messages::toString);
    }

    @Test
    void theExampleSuitesOfTheDocsAreValidUnderTheSchema() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../docs/examples"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Set<ValidationMessage> messages = validate(java.nio.file.Files.readString(file));
                assertTrue(messages.isEmpty(), () -> file + ": " + messages);
            }
        }
    }

    @Test
    void whatTheParserRefusesTheSchemaRefusesToo() throws Exception {
        String valid = """
                name: s
                identities:
                  alice: {mint: {username: alice, expires_in: 60}}
                  bad: {derive: {from: alice, kind: alg-none}}
                checks:
                  - request: GET /protected
                    expect: {default: 401, alice: 200}
                replays:
                  - event: logout
                    login: {username: alice, password: pw}
                """;
        assertTrue(validate(valid).isEmpty(), () -> validate0(valid));
        SuiteParser.parse("valid.yaml", valid);

        for (String broken : new String[]{
                valid.replace("kind: alg-none", "kind: alg-nothing"),
                valid.replace("expect: {default: 401, alice: 200}", "expect: 999"),
                valid.replace("name: s", "name: s\ncolour: blue"),
                valid.replace("    login: {username: alice, password: pw}\n", ""),
                valid.replace("request: GET /protected", "request: {method: GET}"),
                valid.replace("kind: alg-none}", "kind: expired}"),
                valid.replace("alice: {mint: {username: alice, expires_in: 60}}",
                        "alice: {api_key: {header: X-Key, query: k, value: v}}"),
                valid.replace("    expect: {default: 401, alice: 200}",
                        "    expect: 200\n    repeat: {count: 1, expect_last: 429}")}) {
            assertFalse(validate(broken).isEmpty(), "the schema refuses:\n" + broken);
            org.junit.jupiter.api.Assertions.assertThrows(SuiteException.class,
                    () -> SuiteParser.parse("broken.yaml", broken), "the parser refuses:\n" + broken);
        }
    }

    private static String validate0(String yaml) {
        try {
            return validate(yaml).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
