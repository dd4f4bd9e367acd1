package dev.refreshserver.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.refreshserver.protocol.OAuth2Errors;

/**
 * The server clock over HTTP: {@code GET /admin/clock} tells the time every expiry decision
 * uses; {@code POST /admin/clock} moves it with exactly one of {@code advance=<ISO-8601
 * duration>} (e.g. {@code P31D}, {@code PT10M}), {@code set=<ISO instant>} or {@code reset=true}.
 */
@RestController
@RequestMapping("/admin/clock")
public class ClockController {

	private final ServerClock clock;

	public ClockController(ServerClock clock) {
		this.clock = clock;
	}

	@GetMapping
	public Map<String, String> read() {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("now", this.clock.instant().toString());
		body.put("offset", this.clock.offset().toString());
		return body;
	}

	@PostMapping
	public Map<String, String> move(HttpServletRequest request) {
		AdminParameters parameters = new AdminParameters(request);
		String advance = parameters.optional("advance");
		String set = parameters.optional("set");
		String reset = parameters.optional("reset");
		int given = (advance != null ? 1 : 0) + (set != null ? 1 : 0) + (reset != null ? 1 : 0);
		if (given != 1) {
			throw OAuth2Errors.invalidRequest("Give exactly one of advance, set or reset");
		}
		if (advance != null) {
			this.clock.advance(parse("advance", advance, Duration::parse));
		}
		else if (set != null) {
			this.clock.set(parse("set", set, Instant::parse));
		}
		else if ("true".equals(reset)) {
			this.clock.reset();
		}
		else {
			throw OAuth2Errors.invalidRequest("reset must be true");
		}
		return read();
	}


	private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
		try {
			return parser.apply(value);
		}
		catch (DateTimeParseException ex) {
			throw OAuth2Errors.invalidRequest(name + " must be an ISO-8601 "
					+ ("set".equals(name) ? "instant such as 2030-01-01T00:00:00Z" : "duration such as P31D or PT10M"));
		}
	}
}
