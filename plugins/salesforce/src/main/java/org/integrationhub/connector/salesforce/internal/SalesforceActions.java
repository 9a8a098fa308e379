package org.integrationhub.connector.salesforce.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.integrationhub.api.Customer;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.connector.salesforce.internal.sync.CaseSync;
import org.integrationhub.connector.salesforce.internal.sync.CustomerSync;
import org.integrationhub.connector.salesforce.internal.sync.TicketLocks;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

/** The gateway actions {@code sync_customer} (by e-mail) and {@code create_case} (by ticket id). */
final class SalesforceActions {

    static final String SYNC_CUSTOMER = "sync_customer";
    static final String CREATE_CASE = "create_case";

    private final Supplier<TicketService> tickets;
    private final TicketLocks locks;
    private final CustomerSync customers;
    private final CaseSync cases;

    SalesforceActions(Supplier<TicketService> tickets, TicketLocks locks, CustomerSync customers, CaseSync cases) {
        this.tickets = tickets;
        this.locks = locks;
        this.customers = customers;
        this.cases = cases;
    }

    ActionResult execute(ActionRequest request) throws IntegrationException {
        return switch (request.action()) {
            case SYNC_CUSTOMER -> syncCustomer(required(request, "email"));
            case CREATE_CASE -> createCase(required(request, "ticket_id"));
            default -> throw new IntegrationException(ErrorCategory.CONFIGURATION,
                    "unknown action '" + request.action() + "'", null);
        };
    }

    private ActionResult syncCustomer(String email) throws IntegrationException {
        CustomerSync.Outcome outcome = customers.sync(email, null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("email", email);
        result.put("found", outcome.contact().isPresent());
        outcome.contact().ifPresent(c -> {
            result.put("contact_id", c.id());
            result.put("contact_name", c.name());
            result.put("account_id", c.accountId().isEmpty() ? null : c.accountId());
            result.put("account_name", c.accountName().isEmpty() ? null : c.accountName());
        });
        Customer customer = outcome.customer();
        result.put("customer_id", customer == null ? null : customer.id());
        result.put("company", customer == null ? null : customer.company());
        return new ActionResult(result);
    }

    private ActionResult createCase(String ticketId) throws IntegrationException {
        Ticket ticket = tickets.get().find(ticketId).orElseThrow(() -> new IntegrationException(
                ErrorCategory.CONFIGURATION, "no ticket " + ticketId, null));
        try {
            return locks.with(ticket.id(), () -> {
                String contactId = customers.sync(ticket.customer().email(), ticket.customer().name()).contact()
                        .map(CustomerSync.Contact::id).orElse(null);
                CaseSync.Outcome outcome = cases.ensureCase(ticket, contactId);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("ticket_id", ticket.id());
                result.put("case_id", outcome.link().key());
                result.put("url", outcome.link().url());
                result.put("created", outcome.created());
                return new ActionResult(result);
            });
        } catch (TicketLocks.Busy e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, e.getMessage() + "; retry later", null,
                    Duration.ofSeconds(1));
        }
    }

    private static String required(ActionRequest request, String name) throws IntegrationException {
        Object value = request.params().get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, name + " is required (a string)", null);
        }
        return s.strip();
    }
}
