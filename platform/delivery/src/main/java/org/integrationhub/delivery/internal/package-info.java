/**
 * The delivery engine's internals (not exported). {@link org.integrationhub.delivery.internal.DeliveryEngine} is the
 * DS component; it is made of the parts in the sub-packages, and this page states, once, the rules they keep between
 * them. Class docs and {@code docs/architecture.md} / {@code docs/webhooks.md} refer here rather than restate them.
 *
 * <h2>Parts</h2>
 * <table>
 * <caption>Sub-packages</caption>
 * <tr><th>package</th><th>holds</th></tr>
 * <tr><td>{@code relay}</td><td>{@code Relay} (outbox → deliveries, one node at a time under a lease on
 * {@code delivery_relay}; sequence gaps; takeover) and {@code NewDeliveries} (the deliveries of one relay batch: rows,
 * leased rows, or rowless hand-overs to the direct lane)</td></tr>
 * <tr><td>{@code dispatch}</td><td>{@code Dispatcher} (claim path, in-flight budget, stalled subscribers, outcome
 * decisions, batched outcome writes), {@code DirectLane} (direct dispatch: one chain per queue), {@code DeliveryStore}
 * (the claim's SQL), {@code CompletionWriter} (outcomes → rows, attempt rows, journal lines)</td></tr>
 * <tr><td>{@code journal}</td><td>{@code Journal} (table {@code delivery_journal}: append, read, move to rows, purge)
 * and its line format</td></tr>
 * <tr><td>{@code log}</td><td>{@code DeliveryLog}: the {@code DeliveryService} and {@code DeliveryMetrics} reads and
 * operator actions over rows, journal and this node's unsettled deliveries</td></tr>
 * <tr><td>{@code replay}</td><td>{@code Replay}: the events of a time range scheduled again for one
 * subscriber</td></tr>
 * <tr><td>{@code shared}</td><td>what the parts pass between them: {@code Settings}, {@code Claimed},
 * {@code Completion}, {@code OutboxEvent}, {@code Subscriber}, {@code Unsettled}, {@code Ids}, {@code Sql}</td></tr>
 * </table>
 * Dependencies point one way: {@code log → replay → relay → dispatch → journal → shared}.
 *
 * <h2>Where a delivery is recorded</h2>
 * A delivery is one (event, subscriber) pair. Its id is derived from both ({@code Ids.delivery}: the event's time, 40
 * bits of its outbox sequence, 40 bits of a hash of the subscriber), so a relay that sends it again, a replay and the
 * journal all name it alike. At any moment it is recorded in exactly one of these places:
 * <ol>
 * <li><b>Unsettled</b> (no row, no journal line): the relaying node handed it to its direct lane ("rowless") and its
 * outcome is not written yet. Only that node knows it, in {@code Unsettled}; its log lists it as {@code PENDING}
 * with the end of its lease as its next attempt, and it counts as pending in its subscriber's statistics there.</li>
 * <li><b>A journal line</b>: a rowless delivery whose first attempt succeeded. The outcome writer appends one
 * {@code delivery_journal} row per write batch and subscriber, one line per delivery; the log reads the lines as
 * {@code DELIVERED} deliveries with one attempt.</li>
 * <li><b>A {@code delivery} row</b> (with its {@code delivery_attempt} rows): every other delivery — the claim path's,
 * a rowless one whose outcome was anything but delivered (retry, failure, absent or disabled subscriber, handed back
 * unsent), a delivery of a filled sequence gap (a leased row: older than the relay's position, it needs a row to
 * survive a crash), one whose queue had an open row, one of a stalled subscriber.</li>
 * </ol>
 * <b>A delivery is a journal line or a row, never both.</b> Whatever reschedules a journaled delivery (a redeliver, a
 * replay) first moves it into the rows ({@code Journal.moveToRows}: its {@code DELIVERED} row and attempt row are
 * written and its line removed, under the relay's row lock), then resets the row. A new delivery is not created for an
 * event that already has one for that subscriber (a row, or a journal line found at a takeover).
 *
 * <h2>What the relay's position promises, and what a takeover resends</h2>
 * The stored {@code delivery_relay.position} is never past an event that still has an unsettled delivery: it is the
 * last event read, or the last event before the first unsettled one, whichever is smaller (the relay reads on from
 * its own cursor in memory). So every event after the position is either fully recorded (rows or journal lines) or
 * still to be sent. A relay that takes over — this node after a crash or a restart, or another node once the relay
 * lease ({@code leaseSeconds}, at most 15 s) ran out or was given up — forgets this node's unsettled set, starts from
 * the stored position, leaves out the deliveries the journal holds for events after it, looks for rows made
 * meanwhile (by a replay, or by the node that relayed before) for events up to the last one at the takeover, and
 * sends everything else again: <b>at-least-once</b>, with the same delivery id. Rows leased by a node that died are
 * claimed again when their lease ends (a node that restarts releases its own at once).
 *
 * <h2>Order</h2>
 * Deliveries of one (kind, subscriber, ticket) — one {@code queue_key} — are attempted in event order. The claim
 * path claims a row only when no earlier {@code PENDING} row of its queue exists. The direct lane sends a queue's
 * deliveries through one chain, one at a time, and goes on only once a final outcome is <em>written</em> (never on
 * the answer alone: a crash before the write would send the earlier event again after the later one); at any other
 * outcome the chain stops and hands what it holds back as rows, in order, behind the one that retries. A queue with an
 * open row and no chain goes through the claim path. The relay and a replay serialise on the {@code delivery_relay}
 * row lock, so a relay batch's check for open rows sees every row a replay made.
 */
package org.integrationhub.delivery.internal;
