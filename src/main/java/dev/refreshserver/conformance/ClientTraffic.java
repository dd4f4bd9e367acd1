package dev.refreshserver.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.refreshserver.profile.RequestRules;

/**
 * A client's observations put in order for the checks: its token chains rebuilt from what was
 * presented and delivered (each delivered refresh token belongs to the family of the token
 * presented for it; a minted or code grant's token starts a family), which token was
 * superseded when, and which access token a family held at any moment. Built from the
 * observations alone: the store is never asked.
 */
public final class ClientTraffic {

	private final List<Observation> observations;

	private final RequestRules rules;

	private final Map<String, String> familyOfToken = new HashMap<>();

	private final Map<Long, String> familyOfRequest = new HashMap<>();

	private final Map<String, Observation> successorDelivery = new HashMap<>();

	private final Map<String, List<Observation>> accessDeliveries = new HashMap<>();

	/**
	 * @param rules the request shapes the client's profile accepts
	 */
	public ClientTraffic(List<Observation> observations, RequestRules rules) {
		List<Observation> arrived = new ArrayList<>(observations);
		arrived.sort(Comparator.comparing(Observation::start).thenComparing(Observation::number));
		this.observations = List.copyOf(arrived);
		this.rules = rules;
		// in completion order: a token belongs to a family once the response delivering it is done
		List<Observation> completed = new ArrayList<>(this.observations);
		completed.sort(Comparator.comparing(Observation::end).thenComparing(Observation::number));
		for (Observation observation : completed) {
			follow(observation);
		}
	}

	private void follow(Observation observation) {
		String family = (observation.presentedToken() != null)
				? this.familyOfToken.computeIfAbsent(observation.presentedToken(), (token) -> token)
				: observation.deliveredToken();
		if (family == null) {
			return;
		}
		this.familyOfRequest.put(observation.number(), family);
		String delivered = observation.deliveredToken();
		if (delivered != null) {
			this.familyOfToken.putIfAbsent(delivered, family);
			if (observation.presentedToken() != null && !delivered.equals(observation.presentedToken())) {
				this.successorDelivery.putIfAbsent(observation.presentedToken(), observation);
			}
		}
		if (observation.succeeded() && observation.accessTokenLifetime() != null) {
			this.accessDeliveries.computeIfAbsent(family, (key) -> new ArrayList<>()).add(observation);
		}
	}

	/** Every observation, token requests and minted grants, in arrival order. */
	public List<Observation> all() {
		return this.observations;
	}

	public List<Observation> tokenRequests() {
		return this.observations.stream().filter((o) -> o.kind() == Observation.Kind.TOKEN_REQUEST).toList();
	}

	public List<Observation> refreshes() {
		return this.observations.stream().filter(Observation::isRefresh).toList();
	}

	public RequestRules rules() {
		return this.rules;
	}

	/** The family (its first token's hash) a request belongs to, or null when it presented none. */
	public String familyOf(Observation observation) {
		return this.familyOfRequest.get(observation.number());
	}

	/** The refreshes of a family, in arrival order. */
	public List<Observation> refreshesOf(String family) {
		return refreshes().stream().filter((o) -> family.equals(familyOf(o))).toList();
	}

	/** The completed request whose response first delivered a successor of this token. */
	public Optional<Observation> successorDelivery(String token) {
		return Optional.ofNullable(this.successorDelivery.get(token));
	}

	/** Whether {@code refresh} is the first request to present its token. */
	public boolean firstPresentation(Observation refresh) {
		return this.observations.subList(0, this.observations.indexOf(refresh))
			.stream()
			.noneMatch((o) -> refresh.presentedToken().equals(o.presentedToken()));
	}

	/** The access token its family held when {@code refresh} arrived: the last one delivered before. */
	public Optional<AccessTokenHeld> accessTokenHeldAt(Observation refresh) {
		String family = familyOf(refresh);
		if (family == null) {
			return Optional.empty();
		}
		return this.accessDeliveries.getOrDefault(family, List.of())
			.stream()
			.filter((delivery) -> !delivery.end().isAfter(refresh.start()))
			.reduce((first, second) -> second)
			.map((delivery) -> new AccessTokenHeld(delivery.end().plus(delivery.accessTokenLifetime()),
					delivery.accessTokenLifetime()));
	}

	/**
	 * The refreshes that show when the client chooses to refresh: the first presentation of each
	 * token (retries and replays say nothing about cadence) whose family's access token is known.
	 */
	public List<TimedRefresh> timedRefreshes() {
		List<TimedRefresh> timed = new ArrayList<>();
		for (Observation refresh : refreshes()) {
			if (refresh.presentedToken() != null && firstPresentation(refresh)) {
				accessTokenHeldAt(refresh).filter((held) -> !held.lifetime().isNegative() && !held.lifetime().isZero())
					.ifPresent((held) -> timed.add(new TimedRefresh(refresh, held)));
			}
		}
		return timed;
	}

	/** Tokens that got {@code invalid_grant}, each with the first such answer. */
	public Map<String, Observation> invalidGrants() {
		Map<String, Observation> answers = new HashMap<>();
		Set<String> seen = new HashSet<>();
		for (Observation refresh : refreshes()) {
			if ("invalid_grant".equals(refresh.error()) && refresh.presentedToken() != null
					&& seen.add(refresh.presentedToken())) {
				answers.put(refresh.presentedToken(), refresh);
			}
		}
		return answers;
	}

	/** A refresh and the access token its family held when it arrived. */
	public record TimedRefresh(Observation refresh, AccessTokenHeld held) {

		/** How long before that access token's expiry it came (negative: after). */
		public Duration lead() {
			return this.held.leadAt(this.refresh.start());
		}
	}

	/**
	 * An access token as its client held it.
	 * @param expiresAt when it expires on the server clock, counted from the end of its response
	 * @param lifetime its {@code expires_in}
	 */
	public record AccessTokenHeld(Instant expiresAt, Duration lifetime) {

		/** How long before expiry a request arriving at {@code at} came (negative: after). */
		public Duration leadAt(Instant at) {
			return Duration.between(at, this.expiresAt);
		}
	}
}
