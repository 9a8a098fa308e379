package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.integrationhub.spi.TicketLink;
import org.junit.jupiter.api.Test;

/** The link store's rules, as platform/links' JdbcLinkStoreTest pins the durable one's. */
class FakeLinkStoreTest {

    private final FakeLinkStore store = new FakeLinkStore();

    @Test
    void valuesAreScopedByInstanceTicketAndKey() {
        store.put("slack-a", "T1", "slack.thread", "v1|x");
        store.put("slack-b", "T1", "slack.thread", "other");
        assertThat(store.get("slack-a", "T1", "slack.thread")).contains("v1|x");
        assertThat(store.get("slack-a", "T2", "slack.thread")).isEmpty();
        store.put("slack-a", "T1", "slack.thread", "v1|y");
        assertThat(store.get("slack-a", "T1", "slack.thread")).contains("v1|y");
        assertThat(store.values()).isEqualTo(Map.of("slack-a/T1/slack.thread", "v1|y",
                "slack-b/T1/slack.thread", "other"));
        store.remove("slack-a", "T1", "slack.thread");
        store.remove("slack-a", "T1", "absent");
        assertThat(store.get("slack-a", "T1", "slack.thread")).isEmpty();
    }

    @Test
    void valuesHaveTheDurableStoresLimits() {
        store.put("i", "T", "k".repeat(100), "v".repeat(1000));
        store.put("i", "T", "k", "");
        assertThatThrownBy(() -> store.put("i", "T", "k".repeat(101), "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("i", "T", "", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("i", "T", null, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("i", "T", "k", "v".repeat(1001))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("i", "T", "k", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneLinkPerInstanceTicketAndTypeFoundByKeyAndListedPerTicket() {
        TicketLink issue = new TicketLink("jira", "T1", "issue", "HELP-1", "https://acme.atlassian.net/browse/HELP-1");
        store.putLink(issue);
        store.putLink(new TicketLink("asana", "T1", "task", "120", ""));
        store.putLink(new TicketLink("jira", "T1", "comment", "c-9", ""));
        assertThat(store.link("jira", "T1", "issue")).contains(issue);
        assertThat(store.findByKey("jira", "issue", "HELP-1")).contains(issue);
        assertThat(store.findByKey("jira", "issue", "HELP-2")).isEmpty();
        assertThat(store.findByKey("other", "issue", "HELP-1")).isEmpty();
        assertThat(store.links("T1")).extracting(l -> l.integration() + "/" + l.type())
                .containsExactly("asana/task", "jira/comment", "jira/issue");

        TicketLink replaced = new TicketLink("jira", "T1", "issue", "HELP-7", "u");
        store.putLink(replaced);
        assertThat(store.link("jira", "T1", "issue")).contains(replaced);
        assertThat(store.findByKey("jira", "issue", "HELP-1")).as("the old key is gone").isEmpty();
    }

    @Test
    void aKeyLinkedToAnotherTicketMovesThere() {
        store.putLink(new TicketLink("jira", "T1", "issue", "HELP-1", ""));
        store.putLink(new TicketLink("jira", "T2", "issue", "HELP-1", ""));
        assertThat(store.link("jira", "T1", "issue")).isEmpty();
        assertThat(store.findByKey("jira", "issue", "HELP-1")).map(TicketLink::ticketId).contains("T2");
        store.putLink(new TicketLink("jira-eu", "T1", "issue", "HELP-1", ""));
        assertThat(store.findByKey("jira", "issue", "HELP-1")).map(TicketLink::ticketId)
                .as("another instance's key is another key").contains("T2");
        store.removeLink("jira", "T2", "issue");
        store.removeLink("jira", "T2", "issue");
        assertThat(store.links("T2")).isEmpty();
        assertThat(store.links("T1")).hasSize(1);
    }
}
