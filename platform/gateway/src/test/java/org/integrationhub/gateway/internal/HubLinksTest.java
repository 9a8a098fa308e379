package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HubLinksTest {

    @Test
    void defaultsWhenNothingIsConfigured() {
        HubLinks links = HubLinks.from(Map.of());
        assertThat(links.ticketUrl("01J0000000000000000000000A"))
                .isEqualTo("http://127.0.0.1:8181/api/v1/tickets/01J0000000000000000000000A");
        assertThat(links.publicBaseUrl()).isEqualTo("http://127.0.0.1:8181");
    }

    @Test
    void configuredValuesWithTrailingSlashesTrimmedAndIdsEncoded() {
        HubLinks links = HubLinks.from(Map.of("ticketUrlTemplate", "https://desk.example.com/#/t/{id}?tab=1",
                "publicBaseUrl", "https://hub.example.com/base//"));
        assertThat(links.ticketUrl("A B/C")).isEqualTo("https://desk.example.com/#/t/A+B%2FC?tab=1");
        assertThat(links.publicBaseUrl()).isEqualTo("https://hub.example.com/base");
    }

    @Test
    void aTemplateWithoutPlaceholderGetsTheIdAppended() {
        assertThat(HubLinks.from(Map.of("ticketUrlTemplate", "https://desk.example.com/t/")).ticketUrl("X1"))
                .isEqualTo("https://desk.example.com/t/X1");
    }

    @Test
    void valuesThatAreNotAbsoluteHttpUrlsFallBackToTheDefaults() {
        HubLinks links = HubLinks.from(Map.of("ticketUrlTemplate", "desk/{id}", "publicBaseUrl", "ftp://x"));
        assertThat(links).isEqualTo(HubLinks.DEFAULTS);
    }
}
