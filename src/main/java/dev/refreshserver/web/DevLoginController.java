package dev.refreshserver.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.refreshserver.store.LoginClaims;
import dev.refreshserver.store.TokenFamily;
import dev.refreshserver.token.UserClaims;

/**
 * {@code POST /dev/login}: in dev mode, a browser that has shown the admin token may log in as any
 * subject, with claims of its own for this one login, as mock identity providers allow. The claims
 * (a JSON object) go into the ID tokens and userinfo of the grants of this login, released by scope
 * like a configured user's. The login is a session like a password login; the browser then goes on
 * to the authorization request that asked for it.
 */
@Controller
public class DevLoginController {

	static final String PATH = "/dev/login";

	/** As much JSON as a code's and a family's {@code login_claims} column holds. */
	static final int MAX_CLAIMS = 10_000;

	private final AdminGate gate;

	private final JsonMapper json;

	private final Clock clock;

	private final LoginController loginPage;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	/** On to the authorization request that sent the browser to the login page. */
	private final SavedRequestAwareAuthenticationSuccessHandler continuation =
			new SavedRequestAwareAuthenticationSuccessHandler();

	public DevLoginController(AdminGate gate, JsonMapper json, Clock clock, LoginController loginPage) {
		this.gate = gate;
		this.json = json;
		this.clock = clock;
		this.loginPage = loginPage;
	}

	@PostMapping(PATH)
	public String logIn(@RequestParam(name = "subject", required = false) String subject,
			@RequestParam(name = "claims", required = false) String claims, HttpServletRequest request,
			HttpServletResponse response, Model model) throws IOException, ServletException {
		this.gate.requireDevMode();
		if (!this.gate.admitted(request)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return this.loginPage.page(request, model, "Show the admin token first (dev pages) to log in as anyone.");
		}
		String problem = problemWith(subject, claims);
		if (problem != null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("devSubject", subject);
			model.addAttribute("devClaims", claims);
			return this.loginPage.page(request, model, problem);
		}
		UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.authenticated(subject.trim(),
				null, List.of(new SimpleGrantedAuthority("ROLE_USER"),
						// when this login happened on the server clock: the auth_time of its ID tokens
						FactorGrantedAuthority.withAuthority("FACTOR_DEV_LOGIN").issuedAt(this.clock.instant()).build()));
		login.setDetails((claims == null || claims.isBlank()) ? null : new LoginClaims(claims.trim()));
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(login);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		this.continuation.onAuthenticationSuccess(request, response, login);
		return null;
	}

	/** What is wrong with the form, in words for the page; null when nothing is. */
	private String problemWith(String subject, String claims) {
		if (subject == null || subject.isBlank() || subject.trim().length() > TokenFamily.MAX_SUBJECT_LENGTH
				|| subject.chars().anyMatch(Character::isISOControl)) {
			return "The subject must be 1 to " + TokenFamily.MAX_SUBJECT_LENGTH + " characters, on one line.";
		}
		if (claims == null || claims.isBlank()) {
			return null;
		}
		if (claims.length() > MAX_CLAIMS) {
			return "The claims must be at most " + MAX_CLAIMS + " characters of JSON.";
		}
		Map<String, Object> parsed;
		try {
			parsed = this.json.readValue(claims, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (JacksonException ex) {
			return "The claims must be a JSON object, like {\"name\": \"Bob\", \"groups\": [\"admins\"]}.";
		}
		if (parsed == null) {
			return "The claims must be a JSON object, like {\"name\": \"Bob\", \"groups\": [\"admins\"]}.";
		}
		String reserved = UserClaims.reservedAmong(parsed.keySet());
		return (reserved != null)
				? "'" + reserved + "' describes the token, not the user: the server sets it." : null;
	}
}
