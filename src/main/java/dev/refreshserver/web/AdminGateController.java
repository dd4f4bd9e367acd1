package dev.refreshserver.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /dev/sign-in}: the form where a browser shows the admin token once to open the dev pages
 * (see {@link AdminGate}). Posted with a CSRF token; a wrong token gets the form again with 401.
 */
@Controller
public class AdminGateController {

	static final String PATH = "/dev/sign-in";

	private final AdminGate gate;

	public AdminGateController(AdminGate gate) {
		this.gate = gate;
	}

	@GetMapping(PATH)
	public String form(@RequestParam(name = "next", required = false) String next, Model model) {
		this.gate.requireDevMode();
		model.addAttribute("next", safeNext(next));
		return "admin-token";
	}

	@PostMapping(PATH)
	public String signIn(@RequestParam(name = "token", required = false) String token,
			@RequestParam(name = "next", required = false) String next, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		this.gate.requireDevMode();
		if (!this.gate.isAdminToken(token)) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			model.addAttribute("next", safeNext(next));
			model.addAttribute("wrong", true);
			return "admin-token";
		}
		this.gate.admit(request, response);
		return "redirect:" + safeNext(next);
	}

	/** Only a path on this server: never an absolute or scheme-relative address (no open redirect). */
	static String safeNext(String next) {
		return (next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")) ? next : "/";
	}
}
