package dev.refreshserver.admin;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.refreshserver.conformance.ConformanceReports;
import dev.refreshserver.conformance.JunitXml;
import dev.refreshserver.protocol.OAuth2ErrorWriter;
import dev.refreshserver.protocol.OAuth2Errors;

/**
 * The conformance report of a client: {@code GET /admin/conformance/{client_id}} as JSON, with
 * {@code ?format=junit} as JUnit XML; {@code DELETE} starts a fresh observation (204). A client
 * id that names no registered client is a 404 with an RFC 6749 error body; a registered client
 * nothing was seen from has a report whose checks are all {@code not_observed}.
 */
@RestController
@RequestMapping("/admin/conformance/{clientId}")
public class ConformanceController {

	private final ConformanceReports reports;

	private final RegisteredClientRepository clients;

	private final OAuth2ErrorWriter errors;

	public ConformanceController(ConformanceReports reports, RegisteredClientRepository clients,
			OAuth2ErrorWriter errors) {
		this.reports = reports;
		this.clients = clients;
		this.errors = errors;
	}

	@GetMapping
	public ResponseEntity<?> report(@PathVariable String clientId,
			@RequestParam(name = "format", required = false) String format,
			HttpServletResponse response) throws IOException {
		if (!registered(clientId, response)) {
			return null;
		}
		if (format == null || format.equals("json")) {
			Map<String, Object> json = this.reports.report(clientId).toJson();
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
		}
		if (format.equals("junit")) {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_XML)
				.body(JunitXml.of(this.reports.report(clientId)));
		}
		throw OAuth2Errors.invalidRequest("format must be json or junit");
	}

	@DeleteMapping
	public ResponseEntity<Void> reset(@PathVariable String clientId, HttpServletResponse response) throws IOException {
		if (!registered(clientId, response)) {
			return null;
		}
		this.reports.reset(clientId);
		return ResponseEntity.noContent().build();
	}

	private boolean registered(String clientId, HttpServletResponse response) throws IOException {
		if (this.clients.findByClientId(clientId) != null) {
			return true;
		}
		this.errors.write(response, HttpStatus.NOT_FOUND,
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "No client with this client_id is registered", null));
		return false;
	}
}
