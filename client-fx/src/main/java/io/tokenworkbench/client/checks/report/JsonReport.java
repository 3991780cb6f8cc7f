package io.tokenworkbench.client.checks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.Exchange;
import io.tokenworkbench.client.checks.engine.Outcome;
import io.tokenworkbench.client.checks.engine.RowResult;
import io.tokenworkbench.client.checks.engine.RunResult;

import java.util.Locale;

/**
 * The run as JSON ({@code "format": "token-workbench-run/1"}): every cell with its expectation, status, outcome,
 * reason and redacted exchange. A saved JSON report is also a baseline ({@code Baseline.load}).
 */
public final class JsonReport {

    public static final String FORMAT = "token-workbench-run/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(RunResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("suite", result.suite());
        root.put("suite_fingerprint", result.suiteFingerprint());
        root.put("server", result.server());
        root.put("started_at", result.startedAt().toString());
        root.put("duration_ms", result.duration().toMillis());
        root.put("cancelled", result.cancelled());
        ObjectNode summary = root.putObject("summary");
        summary.put("cells", result.cells().count());
        summary.put("passed", result.count(Outcome.PASS));
        summary.put("failed", result.count(Outcome.FAIL));
        summary.put("errors", result.count(Outcome.ERROR));
        result.columns().forEach(root.putArray("columns")::add);
        result.notes().forEach(root.putArray("notes")::add);
        ArrayNode rows = root.putArray("rows");
        for (RowResult row : result.rows()) {
            ObjectNode r = rows.addObject();
            r.put("name", row.name());
            r.put("request", row.request());
            r.put("replay", row.replay());
            ObjectNode cells = r.putObject("cells");
            for (CellResult cell : row.cells().values()) {
                ObjectNode c = cells.putObject(cell.column());
                cell.expected().statuses().forEach(c.putArray("expected")::add);
                c.put("actual", cell.actual());
                c.put("outcome", cell.outcome().name().toLowerCase(Locale.ROOT));
                c.put("reason", cell.reason());
                if (!cell.note().isEmpty()) {
                    c.put("note", cell.note());
                }
                if (cell.exchange() != null) {
                    c.set("exchange", exchange(cell.exchange()));
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report", e);
        }
    }

    private static ObjectNode exchange(Exchange exchange) {
        ObjectNode e = JSON.createObjectNode();
        e.put("method", exchange.method());
        e.put("url", exchange.url());
        ObjectNode requestHeaders = e.putObject("request_headers");
        exchange.requestHeaders().forEach(h -> requestHeaders.put(h.name(), h.value()));
        e.put("request_body", exchange.requestBody());
        e.put("status", exchange.status());
        ObjectNode responseHeaders = e.putObject("response_headers");
        exchange.responseHeaders().forEach(h -> responseHeaders.put(h.name(), h.value()));
        e.put("response_body", exchange.responseBody());
        e.put("millis", exchange.millis());
        if (!exchange.note().isEmpty()) {
            e.put("note", exchange.note());
        }
        return e;
    }
}
