package org.integrationhub.inbound.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.integrationhub.spi.InboundHandler;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@code /integrations/{type}/{path}} to the connector instances of that type implementing
 * {@link InboundHandler}, free of OSGi and servlets. Instances are asked in order of service ranking (highest
 * first), then service id (oldest first); an answer of 401 means "not for me" and the next one is asked; the first
 * other answer wins; if all answer 401 the last 401 goes out. No instance of a type seen before → 503 (its bundle
 * is being redeployed); a type never seen → 404. Thread-safe.
 */
final class InboundDispatcher {

    /** Orders instances: ranking descending, then service id ascending. */
    record Key(int ranking, long serviceId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byRanking = Integer.compare(o.ranking, ranking);
            return byRanking != 0 ? byRanking : Long.compare(serviceId, o.serviceId);
        }
    }

    private record Instance(String name, String type, InboundHandler handler, Set<String> paths) {
    }

    private final Logger logger = LoggerFactory.getLogger(InboundDispatcher.class);
    private final Map<Key, Instance> instances = new ConcurrentSkipListMap<>();
    private final Set<String> typesSeen = ConcurrentHashMap.newKeySet();

    /** Adds a connector instance if it implements {@link InboundHandler}; others are ignored. */
    void add(Key key, IntegrationInterface integration) {
        if (!(integration instanceof InboundHandler handler)) {
            return;
        }
        try {
            var descriptor = integration.descriptor();
            Instance instance = new Instance(descriptor.name(), descriptor.type(), handler,
                    Set.copyOf(handler.inboundPaths()));
            instances.put(key, instance);
            typesSeen.add(instance.type());
            logger.info("Inbound HTTP: /integrations/{}/{} served by '{}'", instance.type(), instance.paths(),
                    instance.name());
        } catch (RuntimeException e) {
            logger.warn("Ignoring an inbound handler whose descriptor or paths failed", e);
        }
    }

    void remove(Key key) {
        instances.remove(key);
    }

    /**
     * @param type the connector type of the URL
     * @param request the request (path relative to the type)
     * @return the answer
     */
    InboundResponse dispatch(String type, InboundRequest request) {
        List<Instance> candidates = new ArrayList<>();
        boolean typePresent = false;
        for (Instance i : instances.values()) {
            if (i.type().equals(type)) {
                typePresent = true;
                if (i.paths().contains(request.path())) {
                    candidates.add(i);
                }
            }
        }
        if (candidates.isEmpty()) {
            if (!typePresent && typesSeen.contains(type)) {
                return InboundResponse.problem(503, "Service Unavailable",
                        "no " + type + " connector instance is running");
            }
            return InboundResponse.problem(404, "Not Found", "no connector endpoint at this path");
        }
        InboundResponse last = null;
        for (Instance i : candidates) {
            InboundResponse response = ask(i, request);
            if (response.status() != 401) {
                return response;
            }
            last = response;
        }
        logger.debug("Inbound request to {} {} refused by all {} instances", type, request.path(), candidates.size());
        return last;
    }

    private InboundResponse ask(Instance instance, InboundRequest request) {
        try {
            InboundResponse response = instance.handler().handle(request);
            if (response == null) {
                throw new IllegalStateException("handler returned null");
            }
            return response;
        } catch (RuntimeException e) {
            logger.error("Inbound handler of '{}' failed on {}", instance.name(), request.path(), e);
            return InboundResponse.problem(500, "Internal Server Error",
                    "the connector failed to handle the request");
        }
    }
}
