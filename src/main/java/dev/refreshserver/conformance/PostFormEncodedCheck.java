package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.refreshserver.profile.RequestRules;
import dev.refreshserver.profile.RequestRules.Encoding;

/** RFC 6749 §3.2: token requests are POSTs with an application/x-www-form-urlencoded body. */
@Component
@Order(10)
class PostFormEncodedCheck extends ConformanceCheck {

	PostFormEncodedCheck() {
		super("post-form-encoded", "Token requests are POSTs with a form-encoded body",
				"Send every token request as POST with Content-Type application/x-www-form-urlencoded and the "
					+ "parameters in the body (RFC 6749 section 3.2), unless the provider's profile documents another shape.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		List<Observation> requests = traffic.tokenRequests();
		for (Observation request : requests) {
			String wrong = wrongShape(request, traffic.rules());
			if (wrong != null) {
				failures.add(request.label() + " was " + wrong);
			}
		}
		return verdict(!requests.isEmpty(), failures,
				List.of(Outcomes.count(requests.size(), "token request", "token requests")
						+ ", each a POST with a form body or a shape the client's profile accepts"));
	}

	private static String wrongShape(Observation request, RequestRules rules) {
		boolean post = "POST".equals(request.method());
		if (!post && !("GET".equals(request.method()) && !rules.requirePost())) {
			return "a " + request.method();
		}
		if (!post) {
			return null;
		}
		String type = request.contentType();
		if (isType(MediaType.APPLICATION_FORM_URLENCODED, type)
				|| (isType(MediaType.APPLICATION_JSON, type) && rules.accepts(Encoding.JSON))
				|| (type == null && request.parametersInQuery() && rules.accepts(Encoding.QUERY))) {
			return null;
		}
		return "a POST with " + ((type == null) ? "no Content-Type" : "Content-Type " + type);
	}

	private static boolean isType(MediaType expected, String type) {
		try {
			return type != null && expected.equalsTypeAndSubtype(MediaType.parseMediaType(type));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}
}
