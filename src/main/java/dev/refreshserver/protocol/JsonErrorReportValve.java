package dev.refreshserver.protocol;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's answer to a request it refuses before any servlet sees it (a request line or headers
 * it cannot parse, headers over {@code server.max-http-request-header-size}), written as RFC 6749
 * §5.2 JSON instead of Tomcat's HTML page, so that a client of the token endpoint can always
 * read the error. Errors the application raised itself already have a body and pass untouched.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
			// a method Tomcat does not know (CONNECT, ...): a method this server does not allow
			status = HttpStatus.METHOD_NOT_ALLOWED.value();
			response.setStatus(status);
			response.setHeader(HttpHeaders.ALLOW, "GET, POST");
		}
		String code = (status >= 500) ? "server_error" : "invalid_request";
		String body = "{\"error\":\"" + code + "\",\"error_description\":\"" + description(status) + "\"}";
		try {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.setHeader(HttpHeaders.PRAGMA, "no-cache");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is already on its way: nothing more to say
		}
	}

	private static String description(int status) {
		return switch (status) {
			case 400 -> "The request line or headers are malformed or too large";
			case 405 -> "The request method is not allowed";
			case 413 -> "The request is too large";
			case 431 -> "The request headers are too large";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield (known != null) ? known.getReasonPhrase() : "The request cannot be served";
			}
		};
	}
}
