package dev.refreshserver.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.profile.ProfileSettings;
import dev.refreshserver.refresh.RefreshPolicies;
import dev.refreshserver.refresh.RefreshPolicy;

/**
 * {@code /}: what this server is, its issuer, discovery and keys. In dev mode, to a browser that
 * has shown the admin token ({@link AdminGate}), also the active profile in words, the clients
 * of {@code config/} (never a secret), the dev users, and every endpoint with a {@code curl}.
 */
@Controller
public class HomeController {

	private final RefreshProperties properties;

	private final RefreshPolicies policies;

	private final AuthorizationServerSettings settings;

	private final AdminGate gate;

	private final Site site;

	public HomeController(RefreshProperties properties, RefreshPolicies policies,
			AuthorizationServerSettings settings, AdminGate gate, Site site) {
		this.properties = properties;
		this.policies = policies;
		this.settings = settings;
		this.gate = gate;
		this.site = site;
	}

	@GetMapping("/")
	public String home(HttpServletRequest request, Model model) {
		model.addAttribute("devMode", this.gate.devMode());
		if (this.gate.admitted(request)) {
			ProfileSettings profile = this.properties.profiles().get(this.properties.profile());
			model.addAttribute("profileName", this.properties.profile());
			model.addAttribute("profileRules",
					PolicyInWords.sentences(RefreshPolicy.from(profile.policy(), profile.response())));
			model.addAttribute("clients", this.properties.clients().stream().map(this::view).toList());
			model.addAttribute("users", this.properties.users().stream().map(RefreshProperties.User::username).toList());
			model.addAttribute("endpoints", new CurlExamples(this.properties, this.settings).all(this.site.issuer()));
		}
		return "home";
	}

	private ClientView view(RefreshProperties.Client client) {
		RefreshPolicy policy = this.policies.forClient(client.clientId());
		return new ClientView(client.clientId(), (client.secret() == null) ? "public" : "confidential",
				client.grantTypes(), client.authMethods(), client.scopes(), client.redirectUris(),
				(client.profile() != null) ? client.profile() : this.properties.profile(),
				PolicyInWords.sentences(policy));
	}

	/** A client as the home page shows it: everything but its secret. */
	public record ClientView(String clientId, String type, List<String> grantTypes, List<String> authMethods,
			List<String> scopes, List<String> redirectUris, String profile, List<String> rules) {
	}
}
