package dev.refreshserver.web;

import java.util.List;

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

	public LoginController(RefreshProperties properties) {
		this.devUsers = properties.admin().enabled()
				? properties.users().stream().map((user) -> DevUser.of(user.username(), user.password())).toList()
				: List.of();
	}

	@GetMapping(PATH)
	public String login(Model model) {
		model.addAttribute("devUsers", this.devUsers);
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
