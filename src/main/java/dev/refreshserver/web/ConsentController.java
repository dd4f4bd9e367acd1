package dev.refreshserver.web;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent page, for clients configured with {@code require-consent: true}: Spring
 * Authorization Server sends the signed-in user here with the requested scopes, and the form
 * posts the approved ones back to the authorization endpoint (bound to the request by its
 * {@code state}). Approving none denies the request.
 */
@Controller
public class ConsentController {

	public static final String PATH = "/oauth2/consent";

	private final RegisteredClientRepository clients;

	public ConsentController(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	/** A scope and what it lets the application do. */
	public record ScopeView(String name, String description) {
	}

	@GetMapping(PATH)
	public String consent(@RequestParam("client_id") String clientId, @RequestParam("state") String state,
			@RequestParam(name = "scope", required = false) String scope, Principal principal, Model model) {
		if (principal == null || this.clients.findByClientId(clientId) == null) {
			// only reachable from the authorization endpoint, for a signed-in user and a known client
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		List<ScopeView> scopes = (scope == null || scope.isBlank()) ? List.of()
				: Arrays.stream(scope.trim().split(" +")).map((name) -> new ScopeView(name, ScopeDescriptions.describe(name)))
					.toList();
		model.addAttribute("clientId", clientId);
		model.addAttribute("state", state);
		model.addAttribute("scopes", scopes);
		model.addAttribute("user", principal.getName());
		return "consent";
	}
}
