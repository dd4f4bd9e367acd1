package dev.refreshserver.protocol;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The body of every error that reaches the servlet container's error page ({@code /error}):
 * JSON in the shape of RFC 6749 §5.2, {@code {"error":"not_found","error_description":...}},
 * never a stack trace. Browsers get the error page of {@code templates/error.html} from the same values.
 */
@Component
public class ErrorBodies extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> defaults = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
		int status = (defaults.get("status") instanceof Integer code) ? code : 500;
		HttpStatus known = HttpStatus.resolve(status);
		String reason = (known != null) ? known.getReasonPhrase() : "Error";
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
		body.put("error_description", (status == 404) ? "There is no endpoint at " + path : reason);
		body.put("status", status);
		return body;
	}
}
