package org.queueanalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets with control characters, credentials in URLs and malformed files: errors name the key, never the value. */
class SecretValidationTest {
    private static final String SECRET = "s3cr3t-Value-42";
    private static final String MINIMAL = "{\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\"}}";
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }

    @Test
    void aSecretWithATrailingNewlineInTheFileIsRejectedNamingTheKeyButNotTheValue(@TempDir Path dir) throws Exception {
        for (String key : List.of("oauth.client_secret", "oauth.client_id", "clickhouse.password", "admin.token")) {
            String[] parts = key.split("\\.");
            Map<String, String> oauth = new java.util.TreeMap<>(Map.of("client_id", json("i"), "client_secret", json("s")));
            String section = "";
            if (parts[0].equals("oauth")) {
                oauth.put(parts[1], json(SECRET + "\n"));
            } else {
                section = ",\"" + parts[0] + "\":{\"" + parts[1] + "\":" + json(SECRET + "\n") + "}";
            }
            String file = "{\"oauth\":{\"client_id\":" + oauth.get("client_id") + ",\"client_secret\":" + oauth.get("client_secret") + "}"
                    + section + "}";
            Path config = dir.resolve("config.json");
            Files.writeString(config, file);

            assertThatThrownBy(() -> loader.load(config)).as(key)
                    .isInstanceOfSatisfying(ConfigException.class, e -> {
                        assertThat(e.errors()).singleElement().satisfies(m -> assertThat(m)
                                .startsWith(key + ": contains a control character, e.g. a trailing newline from a mounted file"));
                        assertThat(e.getMessage()).doesNotContain(SECRET);
                    });
        }
    }

    @Test
    void everySecretEnvironmentOverrideWithATrailingNewlineIsRejectedNamingTheVariableAndTheKey() {
        Map<String, String> keys = Map.of("GENESYS_CLIENT_SECRET", "oauth.client_secret", "GENESYS_CLIENT_ID", "oauth.client_id",
                "CLICKHOUSE_PASSWORD", "clickhouse.password", "ADMIN_TOKEN", "admin.token");
        keys.forEach((variable, key) -> {
            for (String ending : List.of("\n", "\r\n", "\r", "\t", "\u0000")) {
                ConfigLoader withEnv = new ConfigLoader(Map.of(variable, SECRET + ending));
                assertThatThrownBy(() -> withEnv.parse(MINIMAL, "t.json")).as(variable)
                        .isInstanceOfSatisfying(ConfigException.class, e -> {
                            assertThat(e.errors()).singleElement().satisfies(m -> assertThat(m)
                                    .startsWith(key + " (from " + variable + "): contains a control character"));
                            assertThat(e.getMessage()).doesNotContain(SECRET);
                        });
            }
        });
    }

    @Test
    void aClickHouseUserNameWithAControlCharacterIsRejectedBecauseItTravelsInAHeader() {
        assertThatThrownBy(() -> loader.parse("{\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\"},\"clickhouse\":{\"username\":"
                + json("ingest\n") + "}}", "t.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(m -> assertThat(m).startsWith("clickhouse.username: contains a control character")));
    }

    @Test
    void secretsWithoutControlCharactersLoadUnchangedIncludingSpacesAndUnicode() throws Exception {
        PipelineConfig config = new ConfigLoader(Map.of("CLICKHOUSE_PASSWORD", " pass wörd ")).parse(MINIMAL, "t.json");

        assertThat(config.clickhouse().password().reveal()).isEqualTo(" pass wörd ");
    }

    @Test
    void aClickHouseUrlWithCredentialsIsRejectedPointingAtUsernameAndPasswordWithoutShowingThem() {
        for (String url : List.of("http://ingest:" + SECRET + "@ch:8123", "http://" + SECRET + "@ch:8123", "http://a:8123,http://u:" + SECRET + "@b:8123")) {
            assertThatThrownBy(() -> loader.parse("{\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\"},\"clickhouse\":{\"url\":"
                    + json(url) + "}}", "t.json")).as(url)
                    .isInstanceOfSatisfying(ConfigException.class, e -> {
                        assertThat(e.errors()).singleElement().satisfies(m -> assertThat(m)
                                .startsWith("clickhouse.url: must not carry credentials")
                                .contains("clickhouse.username", "clickhouse.password", "***@"));
                        assertThat(e.getMessage()).doesNotContain(SECRET);
                    });
        }
    }

    @Test
    void aClickHouseUrlWithCredentialsFromTheEnvironmentNamesTheVariable() {
        ConfigLoader withEnv = new ConfigLoader(Map.of("CLICKHOUSE_URL", "http://default:" + SECRET + "@ch:8123"));

        assertThatThrownBy(() -> withEnv.parse(MINIMAL, "t.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(m -> assertThat(m)
                            .startsWith("clickhouse.url (from CLICKHOUSE_URL): must not carry credentials")
                            .contains("http://***@ch:8123"));
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    void aMalformedUrlWithUserInfoIsShownWithTheUserInfoHidden() {
        assertThatThrownBy(() -> loader.parse("{\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\",\"base_url\":"
                + json("http://u:" + SECRET + "@bad host/") + "}}", "t.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.errors()).anySatisfy(m -> assertThat(m).startsWith("oauth.base_url:"));
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    void aParseErrorNamesTheLineColumnAndKeyButNotTheUnquotedToken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\n  \"oauth\": {\"client_id\": \"i\",\n    \"client_secret\": " + SECRET + "\n  }\n}");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).contains("not valid JSON at line 3, column", "in oauth.client_secret").doesNotContain(SECRET);
                    assertThat(e.getMessage()).doesNotContain(SECRET.substring(0, 6));
                });
    }

    @Test
    void parseErrorsOfOtherShapesNeverQuoteTheText() {
        for (String text : List.of(
                "{\"clickhouse\": {\"password\": '" + SECRET + "'}}",
                "{\"clickhouse\": {\"password\": \"x\" " + SECRET + "}}",
                "{\"clickhouse\": {\"url\": [\"http://a\", " + SECRET + "]}}",
                "{\"admin\": {\"token\": \"" + SECRET + "\"}} " + SECRET,
                "{\"admin\": {\"token\": \"" + SECRET)) {
            assertThatThrownBy(() -> loader.parse(text, "t.json")).as(text)
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                            .contains("not valid JSON").doesNotContain(SECRET));
        }
    }

    @Test
    void redactionHidesUserInfoInWellFormedAndMalformedUrls() {
        assertThat(SecretRules.redact(URI.create("http://u:p@h:8123/x"))).isEqualTo("http://***@h:8123/x");
        assertThat(SecretRules.redact(URI.create("http://h:8123"))).isEqualTo("http://h:8123");
        assertThat(SecretRules.redact("http://u:p@ss@h x/y@z")).isEqualTo("http://***@h x/y@z");
    }
}
