package dev.refreshserver.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.conformance.ConformanceReport;
import dev.refreshserver.conformance.ConformanceReports;

/**
 * {@code /conformance}: the conformance report of every observed client, for people. Dev mode
 * only, behind the {@link AdminGate}; it shows the same {@link ConformanceReport} that
 * {@code GET /admin/conformance/{client_id}} answers in JSON, and resets observations with the
 * same service.
 */
@Controller
public class ConformancePageController {

	static final String PATH = "/conformance";

	private final AdminGate gate;

	private final ConformanceReports reports;

	private final RefreshProperties properties;

	public ConformancePageController(AdminGate gate, ConformanceReports reports, RefreshProperties properties) {
		this.gate = gate;
		this.reports = reports;
		this.properties = properties;
	}

	@GetMapping(PATH)
	public String page(HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!this.gate.admitted(request)) {
			return this.gate.ask(PATH, response, model);
		}
		Set<String> observed = this.reports.observedClients();
		List<ConformanceReport> shown = new ArrayList<>();
		List<String> quiet = new ArrayList<>();
		for (String clientId : registeredThenObserved(observed)) {
			ConformanceReport report = this.reports.report(clientId);
			if (observed.contains(clientId) && report.observedRequests() > 0) {
				shown.add(report);
			}
			else {
				quiet.add(clientId);
			}
		}
		model.addAttribute("reports", shown);
		model.addAttribute("quietClients", quiet);
		return "conformance";
	}

	/** Starts a fresh observation of one client, or of every client when none is named. */
	@PostMapping(PATH + "/reset")
	public String reset(@RequestParam(name = "client_id", required = false) String clientId,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!this.gate.admitted(request)) {
			return this.gate.ask(PATH, response, model);
		}
		if (clientId == null || clientId.isBlank()) {
			this.reports.observedClients().forEach(this.reports::reset);
		}
		else {
			this.reports.reset(clientId);
		}
		return "redirect:" + PATH;
	}

	/** The clients of {@code config/} in their order, then any other client observed. */
	private Set<String> registeredThenObserved(Set<String> observed) {
		Set<String> clients = new LinkedHashSet<>();
		this.properties.clients().forEach((client) -> clients.add(client.clientId()));
		clients.addAll(observed);
		return clients;
	}
}
