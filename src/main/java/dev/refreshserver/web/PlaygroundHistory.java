package dev.refreshserver.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one browser did in the playground, kept in its HTTP session (so in the database with
 * Spring Session, and serializable): the grant it is playing with, the refresh tokens of that
 * family as the responses showed them, the timeline of events and the raw exchanges. The state
 * of each token is derived from what the server answered, never read from the store.
 */
public class PlaygroundHistory implements Serializable {

	private static final long serialVersionUID = 1L;

	static final int MAX_EXCHANGES = 30;

	/** A refresh token's state as the client saw it. */
	public enum State {
		ACTIVE, ROTATED, REVOKED, INACTIVE;

		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** One refresh token of the family, numbered in the order it was issued. */
	public static final class RefreshToken implements Serializable {

		private static final long serialVersionUID = 1L;

		private final int number;

		private final String value;

		private State state = State.ACTIVE;

		RefreshToken(int number, String value) {
			this.number = number;
			this.value = value;
		}

		public int getNumber() {
			return this.number;
		}

		public String getValue() {
			return this.value;
		}

		public State getState() {
			return this.state;
		}

		/** The first and last characters, enough to tell tokens apart at a glance. */
		public String getShortValue() {
			return (this.value.length() <= 16) ? this.value
					: this.value.substring(0, 8) + "\u2026" + this.value.substring(this.value.length() - 6);
		}
	}

	/**
	 * One step of the timeline.
	 *
	 * @param kind mint, rotation, reuse, family-revoked, refused, clock, introspection...
	 * @param bad whether it is a refusal or a death
	 */
	public record Event(String kind, String title, String detail, boolean bad) implements Serializable {
	}

	private String clientId;

	private String subject;

	private String scope;

	private final List<RefreshToken> tokens = new ArrayList<>();

	private final List<Event> events = new ArrayList<>();

	private final List<Loopback.Exchange> exchanges = new ArrayList<>();

	private String accessToken;

	private boolean familyDead;

	void startFamily(String clientId, String subject, String scope) {
		this.clientId = clientId;
		this.subject = subject;
		this.scope = scope;
		this.tokens.clear();
		this.events.clear();
		this.accessToken = null;
		this.familyDead = false;
	}

	RefreshToken issued(String value) {
		RefreshToken token = new RefreshToken(this.tokens.size() + 1, value);
		this.tokens.add(token);
		return token;
	}

	/** The newest refresh token, or null before a grant. */
	RefreshToken newest() {
		return this.tokens.isEmpty() ? null : this.tokens.get(this.tokens.size() - 1);
	}

	RefreshToken token(int number) {
		return (number >= 1 && number <= this.tokens.size()) ? this.tokens.get(number - 1) : null;
	}

	RefreshToken byValue(String value) {
		return this.tokens.stream().filter((token) -> token.value.equals(value)).findFirst().orElse(null);
	}

	void setState(RefreshToken token, State state) {
		token.state = state;
	}

	/**
	 * The family is dead: every token still counted active takes {@code state} (revoked after a
	 * reuse or a revocation, inactive when the server did not say why, e.g. after an expiry).
	 */
	void familyDied(State state, String title, String detail) {
		this.familyDead = true;
		this.tokens.stream().filter((token) -> token.state == State.ACTIVE || token.state == State.INACTIVE)
			.forEach((token) -> token.state = state);
		event((state == State.REVOKED) ? "family-revoked" : "family-ended", title, detail, true);
	}

	void event(String kind, String title, String detail, boolean bad) {
		this.events.add(new Event(kind, title, detail, bad));
	}

	void exchange(Loopback.Exchange exchange) {
		this.exchanges.add(0, exchange);
		while (this.exchanges.size() > MAX_EXCHANGES) {
			this.exchanges.remove(this.exchanges.size() - 1);
		}
	}

	void accessToken(String accessToken) {
		this.accessToken = accessToken;
	}

	public String getClientId() {
		return this.clientId;
	}

	public String getSubject() {
		return this.subject;
	}

	public String getScope() {
		return this.scope;
	}

	public List<RefreshToken> getTokens() {
		return this.tokens;
	}

	public List<Event> getEvents() {
		return this.events;
	}

	public List<Loopback.Exchange> getExchanges() {
		return this.exchanges;
	}

	public String getAccessToken() {
		return this.accessToken;
	}

	public boolean isFamilyDead() {
		return this.familyDead;
	}
}
