package dev.refreshserver.admin;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.JOSEException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.refreshserver.keys.KeyInUseException;
import dev.refreshserver.keys.KeyStatus;
import dev.refreshserver.keys.SigningKeys;
import dev.refreshserver.keys.UnknownKeyException;
import dev.refreshserver.refresh.RefreshPolicies;

/**
 * The signing-key lifecycle: {@code GET /admin/keys} lists the keys and their stage,
 * {@code POST /admin/keys} publishes a new key that signs nothing yet,
 * {@code POST /admin/keys/{kid}/activate} makes it sign, and {@code POST /admin/keys/{kid}/retire}
 * removes a key from the JWKS, refused (409) while a token it signed may still be live.
 */
@RestController
@RequestMapping("/admin/keys")
public class KeyController {

	private final SigningKeys keys;

	private final RefreshPolicies policies;

	public KeyController(SigningKeys keys, RefreshPolicies policies) {
		this.keys = keys;
		this.policies = policies;
	}

	@GetMapping
	public Map<String, Object> list() {
		Duration longest = this.policies.longestAccessTtl();
		List<Map<String, Object>> all = this.keys.status(longest).stream().map(KeyController::json).toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("keys", all);
		body.put("longest_access_token_lifetime", longest.toString());
		return body;
	}

	@PostMapping
	public ResponseEntity<Map<String, Object>> add() throws IOException, JOSEException {
		return ResponseEntity.status(HttpStatus.CREATED).body(json(this.keys.add()));
	}

	@PostMapping("/{kid}/activate")
	public Map<String, Object> activate(@PathVariable String kid) throws IOException, JOSEException {
		this.keys.activate(kid);
		return json(find(kid));
	}

	@PostMapping("/{kid}/retire")
	public Map<String, Object> retire(@PathVariable String kid) throws IOException, JOSEException {
		this.keys.retire(kid, this.policies.longestAccessTtl());
		return Map.of("kid", kid, "state", "retired");
	}

	@ExceptionHandler(UnknownKeyException.class)
	public ResponseEntity<Map<String, Object>> unknown(UnknownKeyException ex) {
		return error(HttpStatus.NOT_FOUND, "not_found", ex.getMessage(), null);
	}

	@ExceptionHandler(KeyInUseException.class)
	public ResponseEntity<Map<String, Object>> inUse(KeyInUseException ex) {
		return error(HttpStatus.CONFLICT, "key_in_use", ex.getMessage(), ex.retirableAt());
	}

	private KeyStatus find(String kid) {
		return this.keys.status(this.policies.longestAccessTtl())
			.stream()
			.filter((key) -> key.kid().equals(kid))
			.findFirst()
			.orElseThrow(() -> new UnknownKeyException(kid));
	}

	private static Map<String, Object> json(KeyStatus key) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("kid", key.kid());
		json.put("alg", key.algorithm());
		json.put("state", key.stage().name().toLowerCase(Locale.ROOT));
		if (key.verifiesUntil() != null) {
			json.put("verifies_tokens_until", key.verifiesUntil().toString());
		}
		return json;
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String description,
			Instant retirableAt) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("error_description", description);
		if (retirableAt != null) {
			body.put("retirable_at", retirableAt.toString());
		}
		return ResponseEntity.status(status).body(body);
	}
}
