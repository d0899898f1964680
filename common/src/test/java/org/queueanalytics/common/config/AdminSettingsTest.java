package org.queueanalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminSettingsTest {
    private static final String OAUTH = "\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\"}";
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void aNonLoopbackBindWithoutATokenIsRefusedNamingAdminHostAndAdminToken() {
        for (String host : List.of("0.0.0.0", "::", "10.1.2.3", "admin.example.com")) {
            assertThatThrownBy(() -> loader.parse("{" + OAUTH + ",\"admin\":{\"host\":\"" + host + "\"}}", "t.json")).as(host)
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                            .satisfies(m -> assertThat(m).startsWith("admin.host:").contains("admin.token")));
        }
    }

    @Test
    void aNonLoopbackBindWithATokenFromTheFileOrTheEnvironmentLoads() throws Exception {
        PipelineConfig fromFile = loader.parse("{" + OAUTH + ",\"admin\":{\"host\":\"0.0.0.0\",\"token\":\"t\"}}", "t.json");
        PipelineConfig fromEnv = new ConfigLoader(Map.of("ADMIN_TOKEN", "t")).parse("{" + OAUTH + ",\"admin\":{\"host\":\"0.0.0.0\"}}", "t.json");

        assertThat(fromFile.admin().host()).isEqualTo("0.0.0.0");
        assertThat(fromEnv.admin().token().reveal()).isEqualTo("t");
    }

    @Test
    void loopbackBindsNeedNoToken() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost", "::1", "[::1]", "127.0.1.1")) {
            assertThat(loader.parse("{" + OAUTH + ",\"admin\":{\"host\":\"" + host + "\"}}", "t.json").admin().host()).isEqualTo(host);
        }
    }

    @Test
    void allowedHostsAndOriginsDefaultToEmptyAndAreReadLowerCase() throws Exception {
        assertThat(loader.parse("{" + OAUTH + "}", "t.json").admin().allowedHosts()).isEmpty();
        AdminSettings admin = loader.parse("{" + OAUTH + ",\"admin\":{\"allowed_hosts\":[\"Admin.Example.com\"],"
                + "\"allowed_origins\":[\"https://Grafana.example.com/\"]}}", "t.json").admin();

        assertThat(admin.allowedHosts()).containsExactly("admin.example.com");
        assertThat(admin.allowedOrigins()).containsExactly("https://grafana.example.com");
    }

    @Test
    void anAllowedOriginWithAPathIsRejectedByItsIndex() {
        assertThatThrownBy(() -> loader.parse("{" + OAUTH + ",\"admin\":{\"allowed_origins\":[\"https://a.example\",\"https://b.example/x\"]}}", "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(m -> assertThat(m).startsWith("admin.allowed_origins[1]:")));
    }
}
