package dev.refreshserver.conformance;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import org.springframework.stereotype.Component;

/**
 * The observations of each client since its last reset, in a ring of at most
 * {@value #PER_CLIENT} per client: the oldest go first. Only registered clients get a ring
 * (the observer checks), so memory is bounded by the configuration, not by traffic.
 */
@Component
public class ObservationLog {

	/** Observations kept per client; at a few hundred bytes each, well under 1 MB per client. */
	public static final int PER_CLIENT = 1000;

	private final Map<String, Ring> rings = new ConcurrentHashMap<>();

	/** Records a request once it is done; {@code observe} makes its observation from the number it gets. */
	void record(String clientId, LongFunction<Observation> observe) {
		ring(clientId).add(observe);
	}

	public List<Observation> of(String clientId) {
		Ring ring = this.rings.get(clientId);
		return (ring != null) ? ring.snapshot() : List.of();
	}

	/** Clients with at least one observation, by id. */
	public Set<String> clients() {
		Set<String> clients = new TreeSet<>();
		this.rings.forEach((clientId, ring) -> {
			if (!ring.snapshot().isEmpty()) {
				clients.add(clientId);
			}
		});
		return clients;
	}

	/** Forgets a client's observations; the next request it completes is number 1 again. */
	public void reset(String clientId) {
		this.rings.remove(clientId);
	}

	private Ring ring(String clientId) {
		return this.rings.computeIfAbsent(clientId, (id) -> new Ring());
	}

	static final class Ring {

		private final ArrayDeque<Observation> observations = new ArrayDeque<>();

		private long numbered;

		synchronized void add(LongFunction<Observation> observe) {
			if (this.observations.size() == PER_CLIENT) {
				this.observations.removeFirst();
			}
			this.observations.addLast(observe.apply(++this.numbered));
		}

		synchronized List<Observation> snapshot() {
			return List.copyOf(this.observations);
		}
	}
}
