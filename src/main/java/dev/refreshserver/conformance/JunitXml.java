package dev.refreshserver.conformance;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A conformance report as JUnit XML, the format CI servers read: one {@code testsuite} for the
 * client, one {@code testcase} per check, {@code <failure>} for a failed check and
 * {@code <skipped>} for one not observed; the evidence and hint are the messages.
 */
public final class JunitXml {

	private JunitXml() {
	}

	public static String of(ConformanceReport report) {
		StringWriter text = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("testsuite");
			xml.writeAttribute("name", "conformance." + report.clientId());
			xml.writeAttribute("tests", Integer.toString(report.checks().size()));
			xml.writeAttribute("failures", Long.toString(count(report, Verdict.FAIL)));
			xml.writeAttribute("skipped", Long.toString(count(report, Verdict.NOT_OBSERVED)));
			xml.writeAttribute("errors", "0");
			for (CheckResult check : report.checks()) {
				writeTestcase(xml, report.clientId(), check);
			}
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Cannot write the JUnit XML report", ex);
		}
		return text.toString();
	}

	private static void writeTestcase(XMLStreamWriter xml, String clientId, CheckResult check)
			throws XMLStreamException {
		xml.writeStartElement("testcase");
		xml.writeAttribute("classname", "conformance." + clientId);
		xml.writeAttribute("name", check.id());
		if (check.verdict() == Verdict.FAIL) {
			xml.writeStartElement("failure");
			xml.writeAttribute("message", check.title() + ": " + check.hint());
			xml.writeCharacters(String.join("\n", check.evidence()));
			xml.writeEndElement();
		}
		else if (check.verdict() == Verdict.NOT_OBSERVED) {
			xml.writeStartElement("skipped");
			xml.writeAttribute("message", "not observed: no relevant request");
			xml.writeEndElement();
		}
		else {
			xml.writeStartElement("system-out");
			xml.writeCharacters(String.join("\n", check.evidence()));
			xml.writeEndElement();
		}
		xml.writeEndElement();
	}

	private static long count(ConformanceReport report, Verdict verdict) {
		return report.checks().stream().filter((check) -> check.verdict() == verdict).count();
	}
}
