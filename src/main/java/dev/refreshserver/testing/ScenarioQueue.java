package dev.refreshserver.testing;

import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.refreshserver.admin.Scenarios;
import dev.refreshserver.refresh.RefreshTokens;

/**
 * The embedded server's queue of scripted scenarios: the same queue {@code /admin/scenarios}
 * fills, so a scenario queued here is consumed by the next matching refresh request exactly as
 * one posted over HTTP.
 */
public final class ScenarioQueue {

	private final Scenarios scenarios;

	private final RegisteredClientRepository clients;

	ScenarioQueue(Scenarios scenarios, RegisteredClientRepository clients) {
		this.scenarios = scenarios;
		this.clients = clients;
	}

	/** Queues {@code scenarios}, in this order, for the next refresh requests of {@code clientId}. */
	public ScenarioQueue next(String clientId, Scenario... scenarios) {
		if (this.clients.findByClientId(clientId) == null) {
			throw new IllegalArgumentException("Unknown client_id '" + clientId + "'");
		}
		for (Scenario scenario : scenarios) {
			this.scenarios.add(new dev.refreshserver.admin.Scenario(RefreshTokens.randomId(9), clientId,
					scenario.subject(), scenario.action(), scenario.times(), scenario.delay(), scenario.retryAfter()));
		}
		return this;
	}

	/** What is queued and how many uses each has left, as {@code GET /admin/scenarios} lists it. */
	public List<Map<String, Object>> queued() {
		return this.scenarios.list();
	}

	/** Removes every queued scenario. */
	public void clear() {
		this.scenarios.clear();
	}
}
