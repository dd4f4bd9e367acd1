package dev.refreshserver.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}: what this server is, its issuer and metadata; in dev mode, what it is configured with. */
@Controller
public class HomeController {

	@GetMapping("/")
	public String home() {
		return "home";
	}
}
