package org.bwnetflow.connect.dashboard.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.dashboard.auth.Principal;
import org.bwnetflow.connect.dashboard.explore.Chart;
import org.bwnetflow.connect.dashboard.explore.Dimension;
import org.bwnetflow.connect.dashboard.explore.ExploreQuery;
import org.bwnetflow.connect.dashboard.explore.ExploreView;
import org.bwnetflow.connect.dashboard.explore.Explorer;
import org.bwnetflow.connect.dashboard.explore.FilterTranslator;
import org.bwnetflow.connect.dashboard.query.QuerySlots;

/**
 * {@code /api/explore} (a view of the raw flows) and {@code /api/explore/dimensions}. A customer's
 * view is always of its own cid: the login's, never a parameter's or the filter's.
 */
final class ExploreApi {

    private final Explorer explorer;
    private final FilterTranslator translator;
    private final QuerySlots slots;

    /** {@code explorer} null: the dashboard was started without the PostgreSQL wire settings. */
    ExploreApi(Explorer explorer, FilterTranslator translator, QuerySlots slots) {
        this.explorer = explorer;
        this.translator = translator;
        this.slots = slots;
    }

    boolean enabled() {
        return explorer != null;
    }

    /** The view the query string asks for, for this login. */
    ExploreView view(String rawQuery, Principal principal) {
        ExploreParams params = new ExploreParams(rawQuery);
        Chart chart = params.chart();
        ExploreQuery query = params.query(Instant.now(), principal.isOperator() ? null : principal.cid(), translator);
        return slots.inSlot(() -> explorer.explore(query, chart));
    }

    static Map<String, Object> dimensions() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dimensions", Dimension.names());
        answer.put("metrics", List.of("bytes", "packets", "flows"));
        answer.put("charts", List.of("table", "series", "sankey"));
        answer.put("maxTop", ExploreQuery.MAX_TOP);
        return answer;
    }
}
