package org.integrationhub.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pins the configuration PID, keys and defaults that docs/metrics.md and operators' etc/ files rely on. */
class MetricsConfigTest {

    @Test
    void pidKeysAndDefaults() throws Exception {
        assertThat(MetricsServlet.PID).isEqualTo("org.integrationhub.metrics");
        assertThat(MetricsServlet.Config.class.getMethod("anonymous").getDefaultValue()).isEqualTo(false);
        assertThat(MetricsServlet.Config.class.getMethod("cacheSeconds").getDefaultValue()).isEqualTo(5);
        assertThat(MetricsServlet.Config.class.getDeclaredMethods()).hasSize(2);
        assertThat(Credentials.SCOPE).isEqualTo(org.integrationhub.security.Scopes.METRICS_READ);
    }
}
