package dev.refreshserver.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.refresh.RefreshTokens;

/**
 * Scripts what the next refresh_token requests of a client get: {@code POST /admin/scenarios}
 * (form {@code client_id}, {@code action}, optional {@code subject}, {@code times},
 * {@code delay_ms}, {@code retry_after}), {@code GET} lists what is queued and what is left,
 * {@code DELETE /admin/scenarios/{id}} and {@code DELETE /admin/scenarios} clear.
 */
@RestController
@RequestMapping("/admin/scenarios")
public class ScenarioController {

	static final int MAX_TIMES = 10_000;

	static final Duration MAX_DELAY = Duration.ofMinutes(1);

	static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

	private final Scenarios scenarios;

	private final RegisteredClientRepository clients;

	public ScenarioController(Scenarios scenarios, RegisteredClientRepository clients) {
		this.scenarios = scenarios;
		this.clients = clients;
	}

	@PostMapping
	public ResponseEntity<Map<String, Object>> add(HttpServletRequest request) {
		AdminParameters parameters = new AdminParameters(request);
		String clientId = parameters.required("client_id");
		if (this.clients.findByClientId(clientId) == null) {
			throw OAuth2Errors.invalidRequest("Unknown client_id");
		}
		String actionId = parameters.required("action");
		ScenarioAction action = ScenarioAction.of(actionId);
		if (action == null) {
			throw OAuth2Errors.invalidRequest("Unknown action '" + actionId + "'");
		}
		String subject = parameters.optional("subject");
		int times = number(parameters, "times", 1, 1, MAX_TIMES);
		Duration delay = (action == ScenarioAction.DELAY)
				? Duration.ofMillis(number(parameters, "delay_ms", null, 0, (int) MAX_DELAY.toMillis())) : Duration.ZERO;
		boolean retries = action == ScenarioAction.TEMPORARILY_UNAVAILABLE || action == ScenarioAction.RATE_LIMITED;
		Duration retryAfter = retries
				? Duration.ofSeconds(number(parameters, "retry_after", 1, 0, (int) MAX_RETRY_AFTER.toSeconds()))
				: Duration.ZERO;
		Scenario scenario = this.scenarios.add(new Scenario(RefreshTokens.randomId(9), clientId,
				(subject == null || subject.isBlank()) ? null : subject, action, times, delay, retryAfter));
		return ResponseEntity.status(HttpStatus.CREATED).body(scenario.view(times));
	}

	@GetMapping
	public List<Map<String, Object>> list() {
		return this.scenarios.list();
	}

	@DeleteMapping("/{id}")
	public ResponseEntity<Object> remove(@PathVariable String id) {
		if (!this.scenarios.remove(id)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Map.of("error", "not_found", "error_description", "No queued scenario has this id"));
		}
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping
	public ResponseEntity<Void> clear() {
		this.scenarios.clear();
		return ResponseEntity.noContent().build();
	}


	/** A whole number between min and max; {@code fallback} when absent (null: required). */
	private static int number(AdminParameters parameters, String name, Integer fallback, int min, int max) {
		String value = (fallback == null) ? parameters.required(name) : parameters.optional(name);
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw OAuth2Errors.invalidRequest(name + " must be a whole number from " + min + " to " + max);
	}
}
