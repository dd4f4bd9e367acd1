package dev.refreshserver.admin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The queue of scripted scenarios, in the order they were added. Each refresh request takes at
 * most one: the first that matches its client (and subject), which then has one use fewer.
 */
@Component
public class Scenarios {

	/** Scenario to the number of uses it has left; insertion-ordered. */
	private final Map<Scenario, Integer> queued = new LinkedHashMap<>();

	/** Read without the lock: the hot path pays nothing while no scenario is queued. */
	private volatile boolean empty = true;

	public synchronized Scenario add(Scenario scenario) {
		this.queued.put(scenario, scenario.times());
		this.empty = false;
		return scenario;
	}

	public synchronized List<Map<String, Object>> list() {
		List<Map<String, Object>> views = new ArrayList<>();
		this.queued.forEach((scenario, remaining) -> views.add(scenario.view(remaining)));
		return views;
	}

	public synchronized boolean remove(String id) {
		boolean removed = this.queued.keySet().removeIf((scenario) -> scenario.id().equals(id));
		this.empty = this.queued.isEmpty();
		return removed;
	}

	public synchronized void clear() {
		this.queued.clear();
		this.empty = true;
	}

	/**
	 * Takes one use of the first scenario for this client and subject.
	 * @param subject the subject of the presented token's family, asked for only when a queued
	 * scenario of this client names one
	 */
	Optional<Scenario> claim(String clientId, Supplier<String> subject) {
		if (this.empty) {
			return Optional.empty();
		}
		synchronized (this) {
			String knownSubject = null;
			boolean subjectLookedUp = false;
			for (Iterator<Map.Entry<Scenario, Integer>> it = this.queued.entrySet().iterator(); it.hasNext();) {
				Map.Entry<Scenario, Integer> entry = it.next();
				Scenario scenario = entry.getKey();
				if (!scenario.clientId().equals(clientId)) {
					continue;
				}
				if (scenario.subject() != null && !subjectLookedUp) {
					knownSubject = subject.get();
					subjectLookedUp = true;
				}
				if (scenario.matches(clientId, knownSubject)) {
					if (entry.getValue() <= 1) {
						it.remove();
						this.empty = this.queued.isEmpty();
					}
					else {
						entry.setValue(entry.getValue() - 1);
					}
					return Optional.of(scenario);
				}
			}
			return Optional.empty();
		}
	}
}
