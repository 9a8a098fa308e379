package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pins the REST API's config PID and defaults (the whiteboard properties are checked in the built bundle). */
class HubApiServletTest {

    @Test
    void configPidAndDefaults() throws Exception {
        assertThat(HubApiServlet.PID).isEqualTo("org.integrationhub.rest");
        assertThat(HubApiServlet.Config.class.getMethod("maxRequestBytes").getDefaultValue()).isEqualTo(1_048_576L);
    }
}
