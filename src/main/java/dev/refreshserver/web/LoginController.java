package dev.refreshserver.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.refreshserver.config.RefreshProperties;

/**
 * The login page of the authorization code flow, in the one look. Spring Security's form login
 * still receives the form ({@code POST /login}); this only draws it. In dev mode the dev users of
 * {@code config/} are listed, and a click on one fills the form.
 */
@Controller
public class LoginController {

	public static final String PATH = "/login";

	private final List<DevUser> devUsers;

	private final AdminGate gate;

	public LoginController(RefreshProperties properties, AdminGate gate) {
		this.gate = gate;
		this.devUsers = properties.admin().enabled()
				? properties.users().stream().map((user) -> DevUser.of(user.username(), user.password())).toList()
				: List.of();
	}

	@GetMapping(PATH)
	public String login(HttpServletRequest request, Model model) {
		return page(request, model, null);
	}

	/**
	 * The login page; in dev mode with the form to log in as anyone ({@link DevLoginController}) for a
	 * browser that has shown the admin token, and a link to show it for one that has not.
	 * @param devProblem what was wrong with that form, or null
	 */
	String page(HttpServletRequest request, Model model, String devProblem) {
		model.addAttribute("devUsers", this.devUsers);
		model.addAttribute("devMode", this.gate.devMode());
		model.addAttribute("devAdmitted", this.gate.admitted(request));
		model.addAttribute("devProblem", devProblem);
		return "login";
	}

	/**
	 * A dev user as the login page offers it; {@code password} is null when configuration holds
	 * only its hash (then a click fills the name alone).
	 */
	public record DevUser(String username, String password) {

		static DevUser of(String username, String configured) {
			return new DevUser(username, (configured == null || configured.startsWith("{")) ? null : configured);
		}
	}
}
