package dev.refreshserver.web;

import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /playground} (dev mode, behind {@link AdminGate}): mint a grant, refresh it, replay an
 * older refresh token, revoke, introspect and move the clock, and see every request, response and
 * the family's timeline. Each button is a CSRF-protected form that acts, then returns to the page.
 */
@Controller
@RequestMapping(PlaygroundController.PATH)
public class PlaygroundController {

	static final String PATH = "/playground";

	static final String HISTORY = PlaygroundHistory.class.getName();

	private final Playground playground;

	private final AdminGate gate;

	private final JsonMapper json;

	public PlaygroundController(Playground playground, AdminGate gate, JsonMapper json) {
		this.playground = playground;
		this.gate = gate;
		this.json = json;
	}

	@GetMapping
	public String page(HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!this.gate.admitted(request)) {
			return this.gate.ask(PATH, response, model);
		}
		PlaygroundHistory history = history(request.getSession());
		model.addAttribute("history", history);
		model.addAttribute("clients", this.playground.clients());
		String selected = (history.getClientId() != null) ? history.getClientId()
				: this.playground.clients().isEmpty() ? null : this.playground.clients().get(0).clientId();
		model.addAttribute("selectedClient", selected);
		model.addAttribute("defaultSubject", (history.getSubject() != null) ? history.getSubject() : "alice");
		model.addAttribute("defaultScope", this.playground.clients().stream()
			.filter((client) -> client.clientId().equals(selected))
			.findFirst()
			.map((client) -> String.join(" ", client.scopes()))
			.orElse(""));
		model.addAttribute("now", this.playground.clock().instant().truncatedTo(ChronoUnit.SECONDS));
		model.addAttribute("offset", PolicyInWords.words(this.playground.clock().offset().abs()));
		model.addAttribute("offsetAhead", !this.playground.clock().offset().isNegative());
		model.addAttribute("accessToken",
				DecodedAccessToken.of(history.getAccessToken(), this.json, this.playground.clock().instant()));
		return "playground";
	}

	@PostMapping("/mint")
	public String mint(@RequestParam("client_id") String clientId, @RequestParam("subject") String subject,
			@RequestParam(name = "scope", required = false) String scope, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return act(request, response, model,
				(history) -> this.playground.mint(history, request.getLocalPort(), clientId, subject, scope));
	}

	@PostMapping("/refresh")
	public String refresh(HttpServletRequest request, HttpServletResponse response, Model model) {
		return act(request, response, model, (history) -> this.playground.refresh(history, request.getLocalPort()));
	}

	@PostMapping("/replay")
	public String replay(@RequestParam("number") int number, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return act(request, response, model,
				(history) -> this.playground.replay(history, request.getLocalPort(), number));
	}

	@PostMapping("/revoke")
	public String revoke(HttpServletRequest request, HttpServletResponse response, Model model) {
		return act(request, response, model, (history) -> this.playground.revoke(history, request.getLocalPort()));
	}

	@PostMapping("/introspect")
	public String introspect(@RequestParam("token") String token, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return act(request, response, model, (history) -> this.playground.introspect(history,
				request.getLocalPort(), "refresh".equals(token)));
	}

	@PostMapping("/clock")
	public String clock(@RequestParam("move") String move, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		return act(request, response, model, (history) -> this.playground.moveClock(history, move));
	}

	@PostMapping("/clear")
	public String clear(HttpServletRequest request, HttpServletResponse response, Model model) {
		return act(request, response, model, (history) -> request.getSession().removeAttribute(HISTORY));
	}

	private String act(HttpServletRequest request, HttpServletResponse response, Model model,
			Consumer<PlaygroundHistory> action) {
		if (!this.gate.admitted(request)) {
			return this.gate.ask(PATH, response, model);
		}
		HttpSession session = request.getSession();
		PlaygroundHistory history = history(session);
		action.accept(history);
		if (session.getAttribute(HISTORY) != null) {
			// set again so that Spring Session writes the changed history to the database
			session.setAttribute(HISTORY, history);
		}
		return "redirect:" + PATH;
	}

	private static PlaygroundHistory history(HttpSession session) {
		if (session.getAttribute(HISTORY) instanceof PlaygroundHistory history) {
			return history;
		}
		PlaygroundHistory history = new PlaygroundHistory();
		session.setAttribute(HISTORY, history);
		return history;
	}
}
