package org.integrationhub.delivery;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends one delivery to one subscriber of a kind. Register one service per kind, with the service property
 * {@value #KIND_PROPERTY} (e.g. {@code "webhook"}, {@code "integration"}); the engine dispatches only deliveries whose
 * kind has a registered transport (deliveries of other kinds wait).
 *
 * <p>Implementations are called from the engine's threads, concurrently for different deliveries, and must be
 * thread-safe.
 *
 * @since 0.1.0
 */
@ConsumerType
public interface DeliveryTransport {

    /** Service property naming the kind of subscriber a {@link DeliveryTransport} or {@link SubscriptionSource} serves. */
    String KIND_PROPERTY = "delivery.kind";

    /**
     * Starts sending one delivery. Must return quickly and never block the calling thread on the network: do the I/O
     * asynchronously (e.g. Jetty's HttpClient) and complete the stage when the attempt is over.
     *
     * <p>Classify every failure into the returned outcome rather than completing exceptionally; an exceptional
     * completion (or a thrown exception) counts as {@link DeliveryOutcome.Result#RETRY} with the exception as error.
     * The engine enforces no timeout of its own beyond its lease: the transport must complete the stage within its
     * own timeout (well below the engine's lease, {@code leaseSeconds}, default 120 s).
     *
     * @param request what to send; the same {@link DeliveryRequest#messageId()} on every attempt
     * @return the outcome of this attempt, never null
     */
    CompletionStage<DeliveryOutcome> deliver(DeliveryRequest request);

    /**
     * The retry policy for one subscriber, asked after each failed attempt.
     *
     * @param subscriberId the subscriber
     * @return its policy; {@link RetryPolicy#DEFAULT} if the subscriber has nothing special
     */
    default RetryPolicy retryPolicy(String subscriberId) {
        return RetryPolicy.DEFAULT;
    }
}
