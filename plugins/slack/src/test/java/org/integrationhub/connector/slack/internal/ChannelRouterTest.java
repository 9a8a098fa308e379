package org.integrationhub.connector.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.integrationhub.api.EventType;
import org.integrationhub.api.Priority;
import org.junit.jupiter.api.Test;

class ChannelRouterTest {

    @Test
    void firstMatchingRuleWinsElseDefault() {
        ChannelRouter r = ChannelRouter.of("#support", new String[] {"ticket.created,ticket.updated:high,urgent=#esc",
                "*:urgent=#urgent", "comment.added=#comments"});
        assertThat(r.channel(EventType.TICKET_CREATED, Priority.URGENT)).isEqualTo("#esc");
        assertThat(r.channel(EventType.TICKET_CLOSED, Priority.URGENT)).isEqualTo("#urgent");
        assertThat(r.channel(EventType.COMMENT_ADDED, Priority.LOW)).isEqualTo("#comments");
        assertThat(r.channel(EventType.TICKET_CREATED, Priority.NORMAL)).isEqualTo("#support");
    }

    @Test
    void severalRulesInOneCfgValue() {
        ChannelRouter r = ChannelRouter.of("#support", new String[] {"*:urgent=#urgent ticket.closed=#done;rating.received=#csat"});
        assertThat(r.channel(EventType.TICKET_UPDATED, Priority.URGENT)).isEqualTo("#urgent");
        assertThat(r.channel(EventType.TICKET_CLOSED, Priority.LOW)).isEqualTo("#done");
        assertThat(r.channel(EventType.RATING_RECEIVED, Priority.LOW)).isEqualTo("#csat");
    }

    @Test
    void malformedRulesAreNamed() {
        assertThatThrownBy(() -> ChannelRouter.of("#s", new String[] {"#nochannel"}))
                .hasMessage("routing rule '#nochannel' is not EVENTS[:PRIORITIES]=CHANNEL");
        assertThatThrownBy(() -> ChannelRouter.of("#s", new String[] {"*:extreme=#x"}))
                .hasMessageContaining("routing rule '*:extreme=#x': priority must be one of");
        assertThatThrownBy(() -> ChannelRouter.of(" ", new String[0])).hasMessage("default.channel must not be empty");
    }
}
