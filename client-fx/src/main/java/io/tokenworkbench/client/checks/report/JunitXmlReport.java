package io.tokenworkbench.client.checks.report;

import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.Outcome;
import io.tokenworkbench.client.checks.engine.RowResult;
import io.tokenworkbench.client.checks.engine.RunResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.Locale;

/**
 * The run as JUnit XML, the format every CI server reads: one {@code testsuite} per run, one {@code testcase} per
 * cell (class name = row, name = "as identity"), failures and errors with their reason and the redacted exchange.
 */
public final class JunitXmlReport {

    private JunitXmlReport() {
    }

    public static String render(RunResult result) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", result.suite());
            xml.writeAttribute("tests", String.valueOf(result.cells().count()));
            xml.writeAttribute("failures", String.valueOf(result.count(Outcome.FAIL)));
            xml.writeAttribute("errors", String.valueOf(result.count(Outcome.ERROR)));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(result.duration().toMillis()));
            xml.writeAttribute("timestamp", result.startedAt().toString());
            xml.writeAttribute("hostname", result.server());
            for (RowResult row : result.rows()) {
                for (CellResult cell : row.cells().values()) {
                    xml.writeCharacters("\n  ");
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", row.name());
                    xml.writeAttribute("name", "as " + cell.column() + " → " + cell.expected());
                    xml.writeAttribute("time", seconds(cell.exchange() == null ? 0 : cell.exchange().millis()));
                    if (cell.outcome() != Outcome.PASS) {
                        xml.writeStartElement(cell.outcome() == Outcome.FAIL ? "failure" : "error");
                        xml.writeAttribute("message", cell.reason());
                        xml.writeAttribute("type", cell.outcome() == Outcome.FAIL ? "UnexpectedStatus" : "NoAnswer");
                        if (cell.exchange() != null) {
                            xml.writeCharacters(cell.exchange().toText());
                        }
                        xml.writeEndElement();
                    }
                    if (!cell.note().isEmpty()) {
                        xml.writeStartElement("system-out");
                        xml.writeCharacters(cell.note());
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
            }
            if (!result.notes().isEmpty()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("system-err");
                xml.writeCharacters(String.join("\n", result.notes()));
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return text + "\n";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
