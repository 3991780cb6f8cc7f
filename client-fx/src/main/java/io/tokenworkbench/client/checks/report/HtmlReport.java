package io.tokenworkbench.client.checks.report;

import io.tokenworkbench.client.checks.baseline.BaselineComparison;
import io.tokenworkbench.client.checks.baseline.CellChange;
import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.Outcome;
import io.tokenworkbench.client.checks.engine.RowResult;
import io.tokenworkbench.client.checks.engine.RunResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/**
 * The run as one self-contained HTML page (no scripts, no external files): the coloured matrix, each cell's reason
 * on hover, the exchanges of every cell not as expected, and the changes since a baseline when there is one. Written
 * with the JDK's XML writer, which does all the escaping.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1f2328}
            h1{font-size:20px}table{border-collapse:collapse}
            th,td{border:1px solid #d0d7de;padding:3px 7px;text-align:center}
            th.row,td.row{text-align:left;white-space:nowrap}
            td.pass{background:#dafbe1}td.fail{background:#ffd7d5;font-weight:bold}td.error{background:#fff1b3}
            td.opened{outline:3px solid #cf222e;outline-offset:-3px}td.closed{outline:3px dashed #0969da;outline-offset:-3px}
            td.changed{outline:2px dotted #6e7781;outline-offset:-2px}
            .summary{margin:8px 0 16px}pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:320px}
            .legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #d0d7de}
            """;

    private HtmlReport() {
    }

    public static String render(RunResult result, Optional<BaselineComparison> comparison) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter html = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            html.writeDTD("<!DOCTYPE html>");
            html.writeStartElement("html");
            html.writeAttribute("lang", "en");
            html.writeStartElement("head");
            element(html, "meta", "charset", "utf-8");
            simple(html, "title", result.suite() + " — Token Workbench");
            simple(html, "style", STYLE);
            html.writeEndElement();
            html.writeStartElement("body");
            simple(html, "h1", result.suite());
            html.writeStartElement("p");
            html.writeAttribute("class", "summary");
            html.writeCharacters("Server " + result.server() + ", started " + result.startedAt() + ". "
                    + result.summary() + ".");
            comparison.ifPresent(c -> characters(html, " " + c.summary() + "."));
            html.writeEndElement();
            legend(html, comparison.isPresent());
            matrix(html, result, comparison);
            details(html, result, comparison);
            html.writeEndElement();
            html.writeEndElement();
            html.writeEndDocument();
            html.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the HTML report", e);
        }
        return text + "\n";
    }

    private static void legend(XMLStreamWriter html, boolean withBaseline) throws XMLStreamException {
        html.writeStartElement("p");
        html.writeAttribute("class", "legend");
        legendItem(html, "pass", "as expected");
        legendItem(html, "fail", "not as expected");
        legendItem(html, "error", "no answer");
        if (withBaseline) {
            legendItem(html, "opened", "access opened since baseline");
            legendItem(html, "closed", "access closed since baseline");
            legendItem(html, "changed", "other change");
        }
        html.writeEndElement();
    }

    private static void legendItem(XMLStreamWriter html, String cssClass, String label) throws XMLStreamException {
        html.writeStartElement("span");
        html.writeAttribute("style", cssClass.equals("pass") ? "background:#dafbe1" : cssClass.equals("fail")
                ? "background:#ffd7d5" : cssClass.equals("error") ? "background:#fff1b3"
                : cssClass.equals("opened") ? "border:3px solid #cf222e" : cssClass.equals("closed")
                ? "border:3px dashed #0969da" : "border:2px dotted #6e7781");
        html.writeCharacters(label);
        html.writeEndElement();
    }

    private static void matrix(XMLStreamWriter html, RunResult result, Optional<BaselineComparison> comparison)
            throws XMLStreamException {
        html.writeStartElement("table");
        html.writeStartElement("tr");
        html.writeStartElement("th");
        html.writeAttribute("class", "row");
        html.writeCharacters("check");
        html.writeEndElement();
        for (String column : result.columns()) {
            simple(html, "th", column);
        }
        html.writeEndElement();
        for (RowResult row : result.rows()) {
            html.writeStartElement("tr");
            html.writeStartElement("td");
            html.writeAttribute("class", "row");
            html.writeAttribute("title", row.request());
            html.writeCharacters(row.name());
            html.writeEndElement();
            for (String column : result.columns()) {
                CellResult cell = row.cells().get(column);
                html.writeStartElement("td");
                if (cell != null) {
                    Optional<CellChange> change = comparison.flatMap(c -> c.change(row.name(), column));
                    String css = cell.outcome().name().toLowerCase(java.util.Locale.ROOT)
                            + change.map(c -> " " + c.kind().name().toLowerCase(java.util.Locale.ROOT)).orElse("");
                    html.writeAttribute("class", css);
                    html.writeAttribute("title", "expected " + cell.expected()
                            + (cell.reason().isEmpty() ? "" : " — " + cell.reason())
                            + (cell.note().isEmpty() || !cell.reason().isEmpty() ? "" : " — " + cell.note())
                            + change.map(c -> " — was " + c.transition()).orElse(""));
                    html.writeCharacters(cell.label());
                }
                html.writeEndElement();
            }
            html.writeEndElement();
        }
        html.writeEndElement();
    }

    private static void details(XMLStreamWriter html, RunResult result, Optional<BaselineComparison> comparison)
            throws XMLStreamException {
        List<CellResult> bad = result.cells().filter(c -> c.outcome() != Outcome.PASS).toList();
        if (!bad.isEmpty()) {
            simple(html, "h2", "Not as expected");
            for (CellResult cell : bad) {
                html.writeStartElement("details");
                simple(html, "summary", cell.row() + " as " + cell.column() + ": " + cell.reason());
                if (cell.exchange() != null) {
                    simple(html, "pre", cell.exchange().toText());
                }
                html.writeEndElement();
            }
        }
        if (comparison.isPresent() && !comparison.get().changes().isEmpty()) {
            simple(html, "h2", "Changed since the baseline");
            html.writeStartElement("ul");
            for (CellChange change : comparison.get().changes()) {
                simple(html, "li", change.kind() + ": " + change.row() + " as " + change.column() + ", "
                        + change.transition());
            }
            html.writeEndElement();
        }
        if (!result.notes().isEmpty()) {
            simple(html, "h2", "Notes");
            html.writeStartElement("ul");
            for (String note : result.notes()) {
                simple(html, "li", note);
            }
            html.writeEndElement();
        }
    }

    private static void simple(XMLStreamWriter html, String name, String text) throws XMLStreamException {
        html.writeStartElement(name);
        html.writeCharacters(text);
        html.writeEndElement();
    }

    private static void element(XMLStreamWriter html, String name, String attribute, String value)
            throws XMLStreamException {
        html.writeEmptyElement(name);
        html.writeAttribute(attribute, value);
    }

    private static void characters(XMLStreamWriter html, String text) {
        try {
            html.writeCharacters(text);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
