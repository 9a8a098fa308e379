package org.integrationhub.links.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The link store on a migrated H2 and PostgreSQL database. */
class JdbcLinkStoreTest {

    private static JdbcLinkStore store(Kind kind) {
        return new JdbcLinkStore(new DatabaseImpl(TestDatabases.create(kind)).dataSource(), Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void putGetReplaceRemove(Kind kind) {
        JdbcLinkStore links = store(kind);
        assertThat(links.get("slack-a", "T1", "slack.thread")).isEmpty();
        links.put("slack-a", "T1", "slack.thread", "v1|#support|C1|1.1|1");
        links.put("slack-a", "T1", "slack.thread", "v1|#support|C1|1.1|2");
        assertThat(links.get("slack-a", "T1", "slack.thread")).contains("v1|#support|C1|1.1|2");
        links.remove("slack-a", "T1", "slack.thread");
        links.remove("slack-a", "T1", "slack.thread");
        assertThat(links.get("slack-a", "T1", "slack.thread")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void instancesAndTicketsDoNotSeeEachOthersLinks(Kind kind) {
        JdbcLinkStore links = store(kind);
        links.put("slack-a", "T1", "k", "a1");
        links.put("slack-b", "T1", "k", "b1");
        links.put("slack-a", "T2", "k", "a2");
        assertThat(links.get("slack-a", "T1", "k")).contains("a1");
        assertThat(links.get("slack-b", "T1", "k")).contains("b1");
        assertThat(links.get("slack-a", "T2", "k")).contains("a2");
        assertThat(links.get("slack-b", "T2", "k")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentFirstPutsOfOneKeyAllSucceed(Kind kind) throws Exception {
        JdbcLinkStore links = store(kind);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> puts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String value = "v" + i;
            puts.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                links.put("slack-a", "T1", "k", value);
            }));
        }
        start.countDown();
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get();
        assertThat(links.get("slack-a", "T1", "k").orElseThrow()).matches("v[0-7]");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oversizedKeysAndValuesAreRefused(Kind kind) {
        JdbcLinkStore links = store(kind);
        assertThatThrownBy(() -> links.put("slack-a", "T1", "k".repeat(101), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.put("slack-a", "T1", "k", "v".repeat(1001)))
                .isInstanceOf(IllegalArgumentException.class);
        links.put("slack-a", "T1", "k".repeat(100), "v".repeat(1000));
        assertThat(links.get("slack-a", "T1", "k".repeat(100))).contains("v".repeat(1000));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ticketLinksAreListedReplacedFoundByKeyAndMoved(Kind kind) {
        JdbcLinkStore links = store(kind);
        links.putLink(new org.integrationhub.spi.TicketLink("jira-eng", "T1", "issue", "HELP-1", "https://j/browse/HELP-1"));
        links.putLink(new org.integrationhub.spi.TicketLink("jira-eng", "T1", "issue", "HELP-2", "https://j/browse/HELP-2"));
        links.putLink(new org.integrationhub.spi.TicketLink("asana-ops", "T1", "task", "120", ""));
        assertThat(links.links("T1")).extracting(org.integrationhub.spi.TicketLink::integration,
                org.integrationhub.spi.TicketLink::key).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("asana-ops", "120"),
                        org.assertj.core.groups.Tuple.tuple("jira-eng", "HELP-2"));
        assertThat(links.findByKey("jira-eng", "issue", "HELP-2")).map(org.integrationhub.spi.TicketLink::ticketId)
                .contains("T1");
        assertThat(links.findByKey("jira-eng", "issue", "HELP-1")).isEmpty();
        // the key moves to another ticket
        links.putLink(new org.integrationhub.spi.TicketLink("jira-eng", "T2", "issue", "HELP-2", "u"));
        assertThat(links.link("jira-eng", "T1", "issue")).isEmpty();
        assertThat(links.findByKey("jira-eng", "issue", "HELP-2")).map(org.integrationhub.spi.TicketLink::ticketId)
                .contains("T2");
        links.removeLink("jira-eng", "T2", "issue");
        links.removeLink("jira-eng", "T2", "issue");
        assertThat(links.links("T2")).isEmpty();
    }
}
