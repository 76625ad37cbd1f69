package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bwnetflow.connect.dashboard.auth.Principal;
import org.bwnetflow.connect.dashboard.explore.FilterException;
import org.bwnetflow.connect.dashboard.query.StoreBusyException;
import org.bwnetflow.connect.dashboard.query.StoreException;
import org.bwnetflow.connect.dashboard.query.StoreTimeoutException;
import org.bwnetflow.connect.dashboard.query.TrafficQuery;
import org.bwnetflow.connect.dashboard.query.TrafficStore;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@code /api/}: {@code me}, {@code series}, {@code totals}, {@code ingest}, the
 * explorer's {@code explore} ({@link ExploreApi}) and the DDoS attacks' {@code attacks} ({@link AttacksApi}).
 * The customer filter is the server's: a customer's queries are always for its own cid, and asking
 * for another cid is refused (403), whatever the browser sends; so is the sources' ingest health
 * (operators only). A database that does not answer is a 502 with the reason for the operator
 * and without it for a customer (the reason names the database); {@code /api/me} names the
 * database to the operator only.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    static final String CUSTOMERS_BAD_GATEWAY = "the traffic database did not answer; the operator finds the reason in "
            + "the dashboard's log";

    private final TrafficStore store;
    private final ExploreApi explore;
    private final AttacksApi attacks;
    private final Authenticator authenticator;
    private final RateLimitedLog refusals = new RateLimitedLog(1_000);
    private final RateLimitedLog unreachable = new RateLimitedLog(10_000);
    private final RateLimitedLog busy = new RateLimitedLog(10_000);

    ApiHandler(TrafficStore store, ExploreApi explore, AttacksApi attacks, Authenticator authenticator) {
        this.store = store;
        this.explore = explore;
        this.attacks = attacks;
        this.authenticator = authenticator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                Responses.error(exchange, 405, "only GET");
                return;
            }
            Optional<Principal> principal;
            try {
                principal = authenticator.principal(exchange);
            } catch (Authenticator.TooManyLogins e) {
                Responses.retryAfter(exchange, 429, e.seconds(), e.getMessage());
                return;
            }
            if (principal.isEmpty()) {
                // A script is challenged for Basic; a page whose session ended is not (a browser would
                // open its own password dialog): it goes to the login page.
                if (Authenticator.sessionToken(exchange) == null) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"bwNetFlow\"");
                }
                Responses.error(exchange, 401, "log in first");
                return;
            }
            route(exchange, principal.get());
        }
    }

    private void route(HttpExchange exchange, Principal principal) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            answer(exchange, path, principal);
        } catch (ForbiddenException e) {
            if (refusals.shouldLog()) {
                log.warn("dashboard: refused {} to user {}: {} ({} more refusals not logged)", path, principal.user(),
                        e.getMessage(), refusals.takeSuppressed());
            }
            Responses.error(exchange, 403, e.getMessage());
        } catch (IllegalArgumentException e) {
            badRequest(exchange, e);
        } catch (StoreBusyException e) {
            if (busy.shouldLog()) {
                log.warn("dashboard: {} ({} more not logged)", e.getMessage(), busy.takeSuppressed());
            }
            Responses.retryAfter(exchange, 503, 5, "the dashboard is busy; try again in a few seconds");
        } catch (StoreTimeoutException e) {
            // Its message says how long the view had and what to narrow, nothing of the inside.
            Responses.error(exchange, 504, e.getMessage());
        } catch (StoreException e) {
            if (unreachable.shouldLog()) {
                log.warn("dashboard: {} ({} more not logged)", e.getMessage(), unreachable.takeSuppressed());
            }
            // The operator runs the database and gets the reason; a customer learns nothing of the inside.
            Responses.error(exchange, 502, principal.isOperator() ? e.getMessage() : CUSTOMERS_BAD_GATEWAY);
        }
    }

    private void answer(HttpExchange exchange, String path, Principal principal) throws IOException {
        switch (path) {
            case "/api/me" -> Responses.json(exchange, 200, me(principal));
            case "/api/series" -> Responses.json(exchange, 200,
                    store.series(query(exchange, principal).requireSeriesSize()));
            case "/api/totals" -> Responses.json(exchange, 200, store.totals(query(exchange, principal)));
            case "/api/ingest" -> Responses.json(exchange, 200, store.ingest(ingestQuery(exchange, principal)));
            case "/api/explore/dimensions" -> Responses.json(exchange, 200, ExploreApi.dimensions());
            case "/api/explore" -> explore(exchange, principal);
            case "/api/attacks" -> attacks(exchange, principal);
            default -> Responses.error(exchange, 404, "no such API: " + path);
        }
    }

    /** 400 with the reason; for a filter the parser refused, also where in the text (the page marks it). */
    private static void badRequest(HttpExchange exchange, IllegalArgumentException e) throws IOException {
        if (e instanceof FilterException filter) {
            Responses.json(exchange, 400, Map.of("error", filter.getMessage(), "position", filter.position()));
        } else {
            Responses.error(exchange, 400, e.getMessage());
        }
    }

    private void explore(HttpExchange exchange, Principal principal) throws IOException {
        if (!explore.enabled()) {
            Responses.error(exchange, 404, principal.isOperator() ? "the explorer is off: serve it with --questdb-pg-url, "
                    + "--questdb-pg-user and --questdb-pg-password-file" : "the explorer is off");
            return;
        }
        Responses.json(exchange, 200, explore.view(exchange.getRequestURI().getRawQuery(), principal));
    }

    private void attacks(HttpExchange exchange, Principal principal) throws IOException {
        if (!attacks.enabled()) {
            Responses.error(exchange, 404, principal.isOperator() ? "the attacks view is off: serve it with "
                    + "--questdb-pg-url, --questdb-pg-user and --questdb-pg-password-file" : "the attacks view is off");
            return;
        }
        Responses.json(exchange, 200, attacks.list(exchange.getRequestURI().getRawQuery(), principal));
    }

    private Map<String, Object> me(Principal principal) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", principal.user());
        me.put("role", principal.isOperator() ? "operator" : "customer");
        me.put("cid", principal.cid());
        me.put("explorer", explore.enabled());
        me.put("attacks", attacks.enabled());
        if (principal.isOperator()) {
            me.put("store", store.describe());
        }
        return me;
    }

    /** The request's query, for the customer's own cid only when a customer asks. */
    private static TrafficQuery query(HttpExchange exchange, Principal principal) {
        TrafficQuery query = new QueryParams(exchange.getRequestURI().getRawQuery()).query(Instant.now());
        if (principal.isOperator()) {
            return query;
        }
        if (query.cid() != null && !query.cid().equals(principal.cid())) {
            throw new ForbiddenException("customer " + principal.cid() + " may not read customer " + query.cid());
        }
        return query.forCustomer(principal.cid());
    }

    /** The request's ingest health query: the sources' health is the operator's alone. */
    private static TrafficQuery ingestQuery(HttpExchange exchange, Principal principal) {
        if (!principal.isOperator()) {
            throw new ForbiddenException("customer " + principal.cid() + " may not read the sources' ingest health");
        }
        return new QueryParams(exchange.getRequestURI().getRawQuery()).ingestQuery(Instant.now()).requireSeriesSize();
    }

    /** A request for data the login may not see. */
    static final class ForbiddenException extends RuntimeException {
        ForbiddenException(String message) {
            super(message);
        }
    }
}
